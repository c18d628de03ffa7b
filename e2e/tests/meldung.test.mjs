// The customer's lifecycle (C1/C2): a VFK registers a customer, deregisters her with the reason
// and registers her again, with the mouse and with the keyboard only. Each page passes axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto, URL_BASIS } from "../hilfen.mjs";
import { heuteIso } from "../ablauf.mjs";
import { maus, tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

for (const ui of [maus, tastatur]) {
  test(`Abmeldung mit Grund und Wiedermeldung (${ui.name})`, async () => {
    const seite = await neueSeite(browser);
    try {
      await anmelden(seite, "vfk.agentur1");
      await seite.goto(`${URL_BASIS}/kunden/neu`);
      await ui.fuellen(seite, seite.getByLabel("Vorname"), "Mira");
      await ui.fuellen(seite, seite.getByLabel("Nachname"), `Meldung-${ui.name}-${Date.now()}`);
      await ui.datum(seite, seite.getByLabel("Geburtsdatum"), "1992-09-30");
      await ui.fuellen(seite, seite.getByLabel("Postleitzahl des Wohnorts"), "34117");
      await ui.klicken(seite, seite.getByRole("button", { name: "Anlegen und Akte öffnen" }));
      await seite.getByRole("status").filter({ hasText: "wurde angelegt" }).waitFor();

      await ui.klicken(seite, seite.getByRole("link", { name: "Abmeldung / Wiedermeldung" }));
      await seite.getByRole("heading", { level: 1, name: "Meldung: Abmeldung und Wiedermeldung" }).waitFor();
      await barrierefrei(seite, `Meldung (${ui.name})`);

      // Without a reason the form is refused and says so.
      await ui.klicken(seite, seite.getByRole("button", { name: "Abmeldung speichern" }));
      await seite.locator("#fehlerzusammenfassung").filter({ hasText: "Bitte den Grund der Abmeldung wählen." }).waitFor();
      await barrierefrei(seite, `Meldung abgelehnt (${ui.name})`);

      await ui.datum(seite, seite.getByLabel("Abgemeldet am"), heuteIso());
      await ui.waehlen(seite, seite.getByLabel("Arbeitsaufnahme auf dem 1. Arbeitsmarkt"));
      await ui.klicken(seite, seite.getByRole("button", { name: "Abmeldung speichern" }));
      await seite.getByRole("status").filter({ hasText: "Die Abmeldung wurde gespeichert." }).waitFor();
      assert.match(await seite.locator("main").innerText(), /Arbeitsaufnahme auf dem 1\. Arbeitsmarkt/);
      if (ui === maus) { await bildschirmfoto(seite, "40-abmeldung"); }

      await ui.klicken(seite, seite.getByRole("button", { name: "Wiedermeldung speichern" }));
      await seite.getByRole("status").filter({ hasText: "Reaktivierungskunde (C1)" }).waitFor();
      await barrierefrei(seite, `Wiedermeldung (${ui.name})`);
      if (ui === maus) { await bildschirmfoto(seite, "41-wiedermeldung"); }
    } catch (e) {
      await bildschirmfoto(seite, `fehler-meldung-${ui.name}`);
      const zusammenfassung = await seite.locator("#fehlerzusammenfassung, .kern-alert--danger").allInnerTexts();
      throw new Error(`${e.message}\nSeite: ${seite.url()}\nFehlerzusammenfassung: ${zusammenfassung.join(" | ")}`);
    }
    ohneFehler(seite, `Meldung (${ui.name})`);
    await seite.context().close();
  });
}
