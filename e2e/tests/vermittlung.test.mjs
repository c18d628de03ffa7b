// §8.4 in the browser: the Arbeitsliste names customers with new matches (F3), the Kundenakte
// shows them explained, a match becomes a Vermittlungsvorschlag and moves through its lifecycle,
// the posting pages list the candidates (AG-S view). axe on every page type, no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test("Neue passende Stellen → Kundenakte → Vermittlungsvorschlag → beworben", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "vfk.agentur2");
  const liste = seite.locator("section[aria-labelledby='h-neue-treffer']");
  await liste.getByRole("heading", { name: /Neue passende Stellen \(\d+\)/ }).waitFor();
  const kunden = liste.locator("tbody tr a");
  assert.ok(await kunden.count() > 0, "die Demo-Stellen passen zu Kunden der VFK");
  const name = await kunden.first().innerText();
  await kunden.first().click();
  await seite.waitForURL(/\/kunden\/\d+#vermittlung$/);
  const abschnitt = seite.locator("#vermittlung");
  await abschnitt.getByRole("heading", { level: 2, name: "Passende Stellen" }).waitFor();
  await abschnitt.getByText(/von 1000/).first().waitFor();
  await barrierefrei(seite, "Kundenakte mit passenden Stellen");
  await bildschirmfoto(seite, "18-passende-stellen", "#vermittlung");

  // Opened: the customer leaves the F3 worklist.
  await seite.goto(`${URL_BASIS}/`);
  assert.equal(await liste.getByRole("link", { name, exact: true }).count(), 0, "gesehen");
  await seite.goBack();

  await abschnitt.getByRole("button", { name: /^Vermittlungsvorschlag/ }).first().click();
  await seite.waitForURL(/\/kunden\/\d+/);
  const vorschlaege = seite.getByRole("table", { name: /Vermittlungsvorschläge \(1\)/ });
  await vorschlaege.getByText("vorgeschlagen").first().waitFor();
  // The letter to the customer (Issue 15/5): a PDF download from the row.
  const [download] = await Promise.all([
    seite.waitForEvent("download"),
    vorschlaege.getByRole("link", { name: /Brief an die Kundin bzw. den Kunden \(PDF\)/ }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /^Vermittlungsvorschlag-\d+-\d+\.pdf$/);
  await vorschlaege.getByLabel(/Neuer Status/).selectOption({ label: "beworben" });
  await vorschlaege.getByLabel(/Rückmeldung des Arbeitgebers/).fill("Unterlagen sind eingegangen, Rückmeldung folgt.");
  await vorschlaege.getByRole("button", { name: /^Speichern/ }).click();
  await seite.waitForURL(/\/kunden\/\d+/);
  await seite.getByRole("table", { name: /Vermittlungsvorschläge/ })
    .getByRole("cell", { name: /^Unterlagen sind eingegangen/ }).waitFor();
  await vorschlaege.getByText("beworben", { exact: true }).first().waitFor();
  await barrierefrei(seite, "Kundenakte mit Vermittlungsvorschlag");
  ohneFehler(seite, "Vermittlung");
  await seite.context().close();
});

test("Stellenangebote: Liste, Bewerber zur Stelle (AG-S), neues Stellenangebot mit Fehlermeldung", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "vfk.agentur1");
  await seite.getByRole("link", { name: "Stellen", exact: true }).click();
  await seite.getByRole("heading", { level: 1, name: "Stellenangebote" }).waitFor();
  await barrierefrei(seite, "Stellenangebote");
  await bildschirmfoto(seite, "19-stellenangebote");

  await seite.locator("main table tbody tr a").first().click();
  await seite.waitForURL(/\/stellen\/\d+$/);
  await seite.getByRole("heading", { level: 2, name: /Passende Bewerberinnen und Bewerber/ }).waitFor();
  await barrierefrei(seite, "Stellenangebot mit Bewerbern");
  await bildschirmfoto(seite, "20-bewerber-zur-stelle", "#bewerber");

  await seite.goto(`${URL_BASIS}/stellen/neu`);
  await seite.getByRole("heading", { level: 1, name: "Neues Stellenangebot" }).waitFor();
  await barrierefrei(seite, "Neues Stellenangebot");
  await seite.getByRole("button", { name: "Stellenangebot speichern" }).click();
  await seite.getByRole("alert").waitFor();
  await barrierefrei(seite, "Neues Stellenangebot mit Fehlern");
  ohneFehler(seite, "Stellenangebote");
  await seite.context().close();
});
