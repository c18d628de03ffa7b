//! Issue 15/7: how long each free text may be, in one place. The use cases refuse a longer text
//! with its limit (`text_pruefen`); the pages set the same number as `maxlength`, so the browser
//! stops the typing where the server would refuse.

/// A person's first or last name.
pub const NAME: usize = 100;
/// A short line: the purpose of a read, a search, a room, a country, a telephone number, a line
/// of an address.
pub const ZEILE: usize = 100;
/// The number of a Bedarfsgemeinschaft.
pub const BG_NUMMER: usize = 30;
/// A login name.
pub const LOGIN: usize = 64;
/// A name or title: Stärke, Werdegang, Team, Dienststelle, local strategy, account, place,
/// Träger, Aktenzeichen, an e-mail address, the job title a Zielberuf was chosen by.
pub const BEZEICHNUNG: usize = 200;
/// A short text: an appointment, an activity, a Zwischenziel, an agreement of the Folgegespräch,
/// the explanation of an exceptional read.
pub const KURZTEXT: usize = 500;
/// A note: how Eigenbemühungen are proven, why a proposal was declined.
pub const NOTIZ: usize = 1000;
/// A text of some paragraphs: a comment on a Merkmal, an EV task, own goals, an employer's reply.
pub const ABSATZ: usize = 2000;
/// A longer text: the Fazit of the Standortbestimmung, the reason for a Profillage.
pub const LANGTEXT: usize = 5000;
/// A Beratungsvermerk or Nachtrag, a posting's description.
pub const DOKUMENT: usize = 20_000;
/// A posting: its reference number, and title, employer, a required skill, pay.
pub const STELLE_REFNR: usize = 60;
pub const STELLE_TEXT: usize = 300;
