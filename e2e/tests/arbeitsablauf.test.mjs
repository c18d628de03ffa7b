// An Erstgespräch (registration → profiling → Profillage → goal → strategy → EV → Vermerk) and a
// Folgegespräch, first with the mouse, then with the keyboard only. Every page on the way passes
// axe; screenshots of the main pages go to docs/screenshots/.
import { test, before, after } from "node:test";
import { browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { erstgespraech, folgegespraech, termin } from "../ablauf.mjs";
import { maus, tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

for (const [nr, ui] of [[1, maus], [2, tastatur]]) {
  test(`Erstgespräch und Folgegespräch (${ui.name})`, async () => {
    const seite = await neueSeite(browser);
    const antworten = [];
    seite.on("response", (r) => { if (r.request().method() === "POST") { antworten.push(`${r.status()} ${new URL(r.url()).pathname}`); } });
    let bild = 10;
    const pruefe = async (name, abschnitt) => {
      await barrierefrei(seite, `${name} (${ui.name})`);
      if (ui === maus) { await bildschirmfoto(seite, `${bild++}-${name}`, abschnitt); }
    };
    try {
      await anmelden(seite, "vfk.agentur1");
      const kundeId = await erstgespraech(seite, ui, pruefe, `Ablauf-${nr}-${Date.now()}`);
      await folgegespraech(seite, ui, pruefe, kundeId);
      await pruefe("kundenakte-nach-folgegespraech");
      bild = 30;  // the calendar's screenshots after those of the other tests (18–20)
      await termin(seite, ui, pruefe, kundeId, nr === 1 ? "17:15" : "18:00");
    } catch (e) {
      // What the user saw when it failed (CI keeps it in the run's screenshot folder).
      await bildschirmfoto(seite, `fehler-${ui.name}`);
      const zusammenfassung = await seite.locator("#fehlerzusammenfassung, .kern-alert--danger").allInnerTexts();
      throw new Error(`${e.message}\nSeite: ${seite.url()}\nFehlerzusammenfassung: ${zusammenfassung.join(" | ")}\nPOST: ${antworten.slice(-8).join(", ")}`);
    }
    ohneFehler(seite, `Arbeitsablauf (${ui.name})`);
    await seite.context().close();
  });
}
