// An Erstgespräch (registration → profiling → Profillage → goal → strategy → EV → Vermerk) and a
// Folgegespräch, first with the mouse, then with the keyboard only. Every page on the way passes
// axe; screenshots of the main pages go to docs/screenshots/.
import { test, before, after } from "node:test";
import { browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { erstgespraech, folgegespraech } from "../ablauf.mjs";
import { maus, tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

for (const [nr, ui] of [[1, maus], [2, tastatur]]) {
  test(`Erstgespräch und Folgegespräch (${ui.name})`, async () => {
    const seite = await neueSeite(browser);
    let bild = 10;
    const pruefe = async (name) => {
      await barrierefrei(seite, `${name} (${ui.name})`);
      if (ui === maus) { await bildschirmfoto(seite, `${bild++}-${name}`); }
    };
    await anmelden(seite, "vfk.agentur1");
    const kundeId = await erstgespraech(seite, ui, pruefe, `Ablauf-${nr}-${Date.now()}`);
    await folgegespraech(seite, ui, pruefe, kundeId);
    await pruefe("kundenakte-nach-folgegespraech");
    ohneFehler(seite, `Arbeitsablauf (${ui.name})`);
    await seite.context().close();
  });
}
