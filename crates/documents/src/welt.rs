//! The typst `World`: templates and fonts embedded in the binary, parsed once per process; per
//! document only the data file `/daten.json` changes. No file system, no network, no clock.
//!
//! Injection safety: user text reaches typst only as JSON values read by the template with
//! `json("/daten.json")`. A string value is set as text, never evaluated as markup, so `#panic()`,
//! `*…*`, `$…$`, `]` or `\` in a Vermerk stay literal characters.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::DokumentFehler;

/// The path under which the template finds its data.
const DATEN: &str = "/daten.json";

/// The document templates (one main file each) and the shared layout module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vorlage {
    Eingliederungsvereinbarung,
    Kooperationsplan,
    Beratungsvermerk,
    Auskunft,
    Vermittlungsvorschlag,
}

impl Vorlage {
    const ALLE: [Vorlage; 5] = [
        Vorlage::Eingliederungsvereinbarung,
        Vorlage::Kooperationsplan,
        Vorlage::Beratungsvermerk,
        Vorlage::Auskunft,
        Vorlage::Vermittlungsvorschlag,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Vorlage::Eingliederungsvereinbarung => "eingliederungsvereinbarung.typ",
            Vorlage::Kooperationsplan => "kooperationsplan.typ",
            Vorlage::Beratungsvermerk => "beratungsvermerk.typ",
            Vorlage::Auskunft => "auskunft.typ",
            Vorlage::Vermittlungsvorschlag => "vermittlungsvorschlag.typ",
        }
    }

    fn text(self) -> &'static str {
        match self {
            Vorlage::Eingliederungsvereinbarung => include_str!("../vorlagen/eingliederungsvereinbarung.typ"),
            Vorlage::Kooperationsplan => include_str!("../vorlagen/kooperationsplan.typ"),
            Vorlage::Beratungsvermerk => include_str!("../vorlagen/beratungsvermerk.typ"),
            Vorlage::Auskunft => include_str!("../vorlagen/auskunft.typ"),
            Vorlage::Vermittlungsvorschlag => include_str!("../vorlagen/vermittlungsvorschlag.typ"),
        }
    }
}

/// Modules the templates import (`#import "/gemeinsam.typ": …`).
const MODULE: [(&str, &str); 1] = [("gemeinsam.typ", include_str!("../vorlagen/gemeinsam.typ"))];

/// Source Sans 3 (SIL OFL 1.1), see `fonts/README.md`. Bold is set as Semibold (the heaviest face
/// shipped), which keeps the crate small.
const SCHRIFTEN: [&[u8]; 3] = [
    include_bytes!("../fonts/SourceSans3-Regular.otf"),
    include_bytes!("../fonts/SourceSans3-It.otf"),
    include_bytes!("../fonts/SourceSans3-Semibold.otf"),
];

/// Everything that is the same for every document: built once per process.
struct Basis {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Templates and modules, parsed once (typst's incremental caches key on them).
    quellen: Vec<Source>,
    daten_id: FileId,
    /// The code points every embedded face can display.
    abgedeckt: HashSet<u32>,
}

/// The id of a file in the virtual project root. The paths are constants of this crate.
fn datei_id(pfad: &str) -> Result<FileId, DokumentFehler> {
    let vpath = VirtualPath::new(pfad)
        .map_err(|e| DokumentFehler::Satz { vorlage: "welt", diagnosen: format!("Pfad `{pfad}`: {e:?}") })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

static BASIS: LazyLock<Result<Basis, DokumentFehler>> = LazyLock::new(|| {
    let fonts: Vec<Font> = SCHRIFTEN.iter().flat_map(|b| Font::iter(Bytes::new(*b))).collect();
    let book = FontBook::from_fonts(&fonts);
    let mut abgedeckt: HashSet<u32> = fonts.first().map(|f| f.info().coverage.iter().collect()).unwrap_or_default();
    for f in &fonts {
        abgedeckt.retain(|c| f.info().coverage.contains(*c));
    }
    let quellen = Vorlage::ALLE
        .iter()
        .map(|v| (v.name(), v.text()))
        .chain(MODULE)
        .map(|(name, text)| Ok(Source::new(datei_id(&format!("/{name}"))?, text.to_string())))
        .collect::<Result<_, DokumentFehler>>()?;
    Ok(Basis {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(book),
        fonts,
        quellen,
        daten_id: datei_id(DATEN)?,
        abgedeckt,
    })
});

fn basis() -> Result<&'static Basis, DokumentFehler> {
    BASIS.as_ref().map_err(Clone::clone)
}

/// The world of one document: the shared basis plus this document's data.
struct Welt {
    basis: &'static Basis,
    haupt: FileId,
    daten: Bytes,
}

impl World for Welt {
    fn library(&self) -> &LazyHash<Library> {
        &self.basis.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.basis.book
    }

    fn main(&self) -> FileId {
        self.haupt
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.basis
            .quellen
            .iter()
            .find(|q| q.id() == id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.basis.daten_id {
            return Ok(self.daten.clone());
        }
        self.source(id).map(Bytes::from_string)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.basis.fonts.get(index).cloned()
    }

    /// Documents carry their own dates; `datetime.today()` is not available to templates.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Loads fonts, library and templates now instead of on the first document (e.g. at start-up).
pub fn vorbereiten() -> Result<(), DokumentFehler> {
    basis().map(|_| ())
}

/// Sets `daten` with the template and exports a tagged PDF/UA-1.
pub(crate) fn setzen<T: Serialize>(vorlage: Vorlage, daten: &T) -> Result<Vec<u8>, DokumentFehler> {
    setzen_aus(&satzdaten(vorlage, daten)?)
}

/// A document before typesetting: its template and the exact data the template is filled with.
/// Kept for a signed document (E5/V3): [`setzen_aus`] makes the same document from it later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Satzdaten {
    /// The template's file name (`eingliederungsvereinbarung.typ`, …).
    pub vorlage: String,
    /// JSON, with text the fonts cannot show already replaced.
    pub daten: String,
}

pub(crate) fn satzdaten<T: Serialize>(vorlage: Vorlage, daten: &T) -> Result<Satzdaten, DokumentFehler> {
    let basis = basis()?;
    let fehler = |e: serde_json::Error| DokumentFehler::Daten { vorlage: vorlage.name(), meldung: e.to_string() };
    let mut wert = serde_json::to_value(daten).map_err(fehler)?;
    darstellbar_machen(&mut wert, &basis.abgedeckt);
    Ok(Satzdaten { vorlage: vorlage.name().to_owned(), daten: serde_json::to_string(&wert).map_err(fehler)? })
}

/// Sets prepared data with its template and exports a tagged PDF/UA-1.
pub fn setzen_aus(s: &Satzdaten) -> Result<Vec<u8>, DokumentFehler> {
    let basis = basis()?;
    let vorlage = Vorlage::ALLE
        .into_iter()
        .find(|v| v.name() == s.vorlage)
        .ok_or_else(|| DokumentFehler::Eingabe(format!("Unbekannte Vorlage „{}“", s.vorlage)))?;
    let welt = Welt {
        basis,
        haupt: datei_id(&format!("/{}", vorlage.name()))?,
        daten: Bytes::new(s.daten.clone().into_bytes()),
    };

    let Warned { output, warnings: _ } = typst::compile::<PagedDocument>(&welt);
    let dokument =
        output.map_err(|d| DokumentFehler::Satz { vorlage: vorlage.name(), diagnosen: diagnosen(&welt, &d) })?;

    let optionen = PdfOptions {
        creator: Smart::Custom(Some("vierphasen".into())),
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|e| DokumentFehler::Pdf { vorlage: vorlage.name(), diagnosen: e.message().to_string() })?,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&dokument, &optionen)
        .map_err(|d| DokumentFehler::Pdf { vorlage: vorlage.name(), diagnosen: diagnosen(&welt, &d) });
    // typst memoises across compilations; drop what the last few documents did not use, so a
    // long-running server does not grow without bound.
    typst::comemo::evict(20);
    pdf
}

/// PDF/UA-1 refuses text the fonts cannot display (typst: "could not be displayed with font"), so
/// one Chinese character or emoji in a Vermerk would make the whole document fail. Such
/// characters are printed as their code point instead ("[U+2605]"), control characters are
/// dropped; everything Source Sans 3 covers (Latin incl. Turkish, Polish, Romanian, Vietnamese,
/// Greek, Cyrillic) stays as it is.
fn darstellbar_machen(wert: &mut serde_json::Value, abgedeckt: &HashSet<u32>) {
    match wert {
        serde_json::Value::String(s) if s.chars().any(|c| !darstellbar(c, abgedeckt)) => {
            let mut neu = String::with_capacity(s.len() + 16);
            for c in s.chars() {
                if darstellbar(c, abgedeckt) {
                    neu.push(c);
                } else if c.is_whitespace() {
                    neu.push(' ');
                } else if !c.is_control() {
                    neu.push_str(&format!("[U+{:04X}]", u32::from(c)));
                }
            }
            *s = neu;
        }
        serde_json::Value::Array(liste) => liste.iter_mut().for_each(|w| darstellbar_machen(w, abgedeckt)),
        serde_json::Value::Object(felder) => felder.values_mut().for_each(|w| darstellbar_machen(w, abgedeckt)),
        _ => {}
    }
}

/// Line breaks and tabs are handled by the templates and typst; invisible format characters
/// (soft hyphen, zero-width space and joiners, word joiner, BOM) need no glyph.
fn darstellbar(c: char, abgedeckt: &HashSet<u32>) -> bool {
    matches!(c, '\n' | '\t' | '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        || (!c.is_control() && abgedeckt.contains(&u32::from(c)))
}

/// The diagnostics as text: `datei:zeile: Fehler: Meldung` plus hints.
fn diagnosen(welt: &Welt, liste: &[SourceDiagnostic]) -> String {
    let mut text = String::new();
    for d in liste {
        let art = match d.severity {
            Severity::Error => "Fehler",
            Severity::Warning => "Warnung",
        };
        let ort = d
            .span
            .id()
            .map(|id| {
                let pfad = id.vpath().get_with_slash().to_string();
                let zeile =
                    welt.range(d.span).and_then(|r| welt.source(id).ok().and_then(|q| q.lines().byte_to_line(r.start)));
                match zeile {
                    Some(z) => format!("{pfad}:{}: ", z + 1),
                    None => format!("{pfad}: "),
                }
            })
            .unwrap_or_default();
        text.push_str(&format!("{ort}{art}: {}\n", d.message));
        for h in &d.hints {
            text.push_str(&format!("  Hinweis: {}\n", h.v));
        }
    }
    text
}
