// Issue 13/1 in the browser: the VFK records the consent and refers her customer to the
// Ärztlicher Dienst; the doctor finds the referral in the inbox, takes it, chooses the format of
// the Begutachtung and answers — by keyboard only; the VFK finds the result as a Wiedervorlage,
// in the Kundenakte and takes note of it. axe on every new page, no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { maus, tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

// A case of the VFK with a Beratungsvermerk (U4) and no open referral to the ÄD.
async function fallMitVermerk(seite) {
  const liste = await (await seite.request.get(`${URL_BASIS}/api/v1/kunden?meine=true`)).json();
  for (const k of liste) {
    const fall = await (await seite.request.get(`${URL_BASIS}/api/v1/kunden/${k.id}`)).json();
    const offen = (fall.fallakte.auftraege ?? []).some((a) => a.leistung.startsWith("aed_")
      && ["beauftragt", "angenommen", "in_bearbeitung", "zurueckgegeben"].includes(a.status ?? "beauftragt"));
    if ((fall.fallakte.vermerke ?? []).length > 0 && !offen) {
      return { id: k.id, name: `${k.vorname} ${k.nachname}` };
    }
  }
  throw new Error("kein Fall mit Beratungsvermerk ohne offenen Auftrag an den ÄD");
}

test("Auftrag an den Ärztlichen Dienst: erteilen, annehmen, Format wählen, Ergebnis zur Kenntnis nehmen", async () => {
  const vfk = await neueSeite(browser);
  await anmelden(vfk, "vfk.agentur1");
  const fall = await fallMitVermerk(vfk);

  // U6: the consent, then the referral from the Kundenakte.
  await vfk.goto(`${URL_BASIS}/kunden/${fall.id}/einwilligungen`);
  await maus.waehlen(vfk, vfk.getByLabel("Ärztlicher Dienst", { exact: true }));
  await vfk.getByRole("button", { name: "Einwilligung speichern" }).first().click();
  await vfk.getByText("Die Einwilligung wurde gespeichert.").waitFor();
  await vfk.goto(`${URL_BASIS}/kunden/${fall.id}`);
  await vfk.getByRole("link", { name: "Auftrag an einen Fachdienst erteilen" }).click();
  await vfk.getByRole("heading", { level: 1, name: "Auftrag an einen Fachdienst" }).waitFor();
  // The formats of a Begutachtung are not offered: the doctor chooses them (U4).
  const angebote = await vfk.getByLabel("Leistung").locator("option").allInnerTexts();
  assert.ok(angebote.includes("Sozialmedizinische Begutachtung"), angebote.join(", "));
  assert.ok(!angebote.includes("Gutachten nach Aktenlage"), angebote.join(", "));
  await barrierefrei(vfk, "Auftrag erteilen");
  await vfk.getByRole("button", { name: "Auftrag erteilen" }).click();
  await vfk.getByRole("alert").getByText("Bitte die Leistung auswählen.").waitFor();
  await vfk.getByLabel("Leistung").selectOption({ label: "Sozialmedizinische Begutachtung" });
  await vfk.getByLabel("Eignungsfeststellung").check();
  await vfk.getByLabel("Fallspezifische Frage an den Fachdienst").fill("Ist eine Tätigkeit im Lager mit Heben und Tragen möglich?");
  await bildschirmfoto(vfk, "45-auftrag-erteilen");
  await vfk.getByRole("button", { name: "Auftrag erteilen" }).click();
  await vfk.getByText("Der Auftrag wurde erteilt.").waitFor();
  const auftragsseite = vfk.url().split("?")[0];
  await vfk.getByText("beauftragt", { exact: true }).waitFor();
  await barrierefrei(vfk, "Auftrag (VFK)");

  // The ÄD, by keyboard only: inbox → referral → take it → result with the chosen format.
  const aed = await neueSeite(browser);
  await anmelden(aed, "aed.agentur");
  await aed.waitForURL(/\/auftraege$/);
  await aed.getByRole("heading", { level: 1, name: "Posteingang" }).waitFor();
  await barrierefrei(aed, "Posteingang");
  await bildschirmfoto(aed, "46-posteingang-aerztlicher-dienst");
  await tastatur.klicken(aed, aed.getByRole("link", { name: fall.name }).last());
  await aed.getByRole("heading", { level: 1, name: "Sozialmedizinische Begutachtung" }).waitFor();
  await aed.getByText("Ist eine Tätigkeit im Lager mit Heben und Tragen möglich?").waitFor();
  // Only what the referral opens: the profiling and the Vermerke, not the Kundenakte.
  await aed.getByRole("heading", { level: 2, name: "Beratungsvermerke" }).waitFor();
  const akte = await aed.goto(`${URL_BASIS}/kunden/${fall.id}`);
  assert.equal(akte.status(), 404);
  aed.fehler = aed.fehler.filter((f) => !/status of 404/.test(f));
  await aed.goBack();
  await tastatur.klicken(aed, aed.getByRole("button", { name: "Annehmen" }));
  await aed.getByText("Der Auftrag wurde aktualisiert.").waitFor();
  await tastatur.fuellen(aed, aed.getByLabel("Ergebnis bzw. Stellungnahme"), "Leichte Tätigkeiten 3 bis unter 6 Stunden täglich.");
  await tastatur.klicken(aed, aed.getByRole("button", { name: "Ergebnis mitteilen" }));
  await aed.getByRole("alert").getByText("Bitte das gewählte Format der Begutachtung angeben (U4).").waitFor();
  await tastatur.auswaehlen(aed, aed.getByLabel("Gewähltes Format der Begutachtung"), "Gutachten nach Aktenlage");
  await tastatur.auswaehlen(aed, aed.getByLabel("Leistungsbild"), "3 bis unter 6 Stunden täglich");
  await tastatur.fuellen(aed, aed.getByLabel("Qualitative Einschränkungen"), "Kein Heben und Tragen über 5 kg.");
  await tastatur.auswaehlen(aed, aed.getByLabel("Voraussichtliche Dauer der Einschränkungen"), "voraussichtlich länger als 6 Monate");
  await tastatur.auswaehlen(aed, aed.getByLabel("Betrifft das Merkmal des Profilings (optional)"), "Vermittlungsrelevante gesundheitliche Einschränkungen");
  await barrierefrei(aed, "Auftrag (Ärztlicher Dienst)");
  await bildschirmfoto(aed, "47-auftrag-ergebnis-aerztlicher-dienst", "#schritt-ergebnis_mitteilen");
  await tastatur.klicken(aed, aed.getByRole("button", { name: "Ergebnis mitteilen" }));
  await aed.waitForURL(/\/auftraege\?/);
  await aed.getByText("Der Auftrag wurde aktualisiert.").waitFor();
  ohneFehler(aed, "Ärztlicher Dienst");
  await aed.context().close();

  // The VFK: the Wiedervorlage (the worker derives it within seconds), the result, taken note of.
  let gefunden = false;
  for (let i = 0; i < 30 && !gefunden; i++) {
    await vfk.goto(`${URL_BASIS}/kunden/${fall.id}`);
    gefunden = await vfk.getByText("Ergebnis „Sozialmedizinische Begutachtung“ (Ärztlicher Dienst) liegt vor: zur Kenntnis nehmen").count() > 0;
    if (!gefunden) { await vfk.waitForTimeout(1000); }
  }
  assert.ok(gefunden, "Wiedervorlage zum Ergebnis fehlt in der Kundenakte");
  await vfk.getByText("Leichte Tätigkeiten 3 bis unter 6 Stunden täglich.").first().waitFor();
  await vfk.goto(auftragsseite);
  await vfk.getByText("Gutachten nach Aktenlage").waitFor();
  await vfk.getByText("3 bis unter 6 Stunden täglich", { exact: true }).waitFor();
  await vfk.getByRole("button", { name: "Zur Kenntnis nehmen" }).click();
  await vfk.getByText("zur Kenntnis genommen", { exact: true }).waitFor();
  // Beside the Merkmal it concerns in the profiling (P4).
  await vfk.goto(`${URL_BASIS}/kunden/${fall.id}/profiling`);
  await vfk.getByText(/Ärztlicher Dienst, Ergebnis vom .*Leichte Tätigkeiten 3 bis unter 6 Stunden täglich/).first().waitFor();
  ohneFehler(vfk, "Auftrag VFK");
  await vfk.context().close();
});
