// A choice against the rules: Marktprofil although a Handlungsbedarf is recorded and no
// Standortbestimmung exists. The live box names the rule at once (PL1), and saving is refused with
// the rule ids and their German messages (PL2a: without Standortbestimmung the Profillage is N).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei } from "../hilfen.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test("Regelverstoß nennt Regel-ID und Meldung", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "vfk.agentur1");
  await seite.goto(`${URL_BASIS}/kunden/neu`);
  await seite.getByLabel("Vorname").fill("Rolf");
  await seite.getByLabel("Nachname").fill(`Regel-${Date.now()}`);
  await seite.getByLabel("Geburtsdatum").fill("1979-01-30");
  await seite.getByRole("button", { name: "Anlegen und Akte öffnen" }).click();
  await seite.getByRole("link", { name: "Profiling", exact: true }).click();
  await seite.locator("#status_berufliche_qualifikation_handlungsbedarf").check();
  await seite.locator("#profillage_marktprofil").check();
  await seite.locator("#profillage-vorschlag").getByText("PL1").first().waitFor();

  await seite.getByRole("button", { name: "Profiling speichern" }).click();
  const zusammenfassung = seite.locator("#fehlerzusammenfassung");
  await zusammenfassung.waitFor();
  const text = await zusammenfassung.innerText();
  assert.match(text, /Fehler PL2a/, text);
  assert.match(text, /Marktprofil ohne Standortbestimmung/, text);
  // The refused form keeps what was chosen.
  assert.ok(await seite.locator("#profillage_marktprofil").isChecked());
  assert.ok(await seite.locator("#status_berufliche_qualifikation_handlungsbedarf").isChecked());
  await barrierefrei(seite, "Profiling nach Regelverstoß");
  await seite.context().close();
});
