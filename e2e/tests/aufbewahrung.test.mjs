// Retention and deletion in the browser (issue 17 item 6): the Datenschutz finds a case by its
// Kundennummer, reads its retention plan (periods with legal bases), records a legal hold and an
// Art. 17 request by keyboard only (a missing choice named), lifts the hold, and reads the
// deletion runs (the demo's run of today). axe on every page, no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test("Aufbewahrung und Löschung eines Falls, Löschläufe (Datenschutz, per Tastatur)", async () => {
  const vfk = await neueSeite(browser);
  await anmelden(vfk, "vfk.agentur2");
  await vfk.goto(`${URL_BASIS}/kunden`);
  const nummer = (await vfk.locator("#trefferliste tbody tr").first().locator("td").nth(1).innerText()).trim();
  await vfk.context().close();

  const ds = await neueSeite(browser);
  await anmelden(ds, "datenschutz.agentur");
  await ds.goto(`${URL_BASIS}/verwaltung`);
  await tastatur.fuellen(ds, ds.getByRole("textbox", { name: "Kundennummer" }), nummer);
  await tastatur.klicken(ds, ds.getByRole("button", { name: "Zugriffsprotokoll anzeigen" }));
  await ds.getByRole("heading", { level: 1, name: "Zugriffsprotokoll" }).waitFor();
  await tastatur.klicken(ds, ds.getByRole("link", { name: "Aufbewahrung und Löschung" }));
  await ds.getByRole("heading", { level: 1, name: "Aufbewahrung und Löschung" }).waitFor();
  const plan = ds.getByRole("table", { name: /Aufbewahrungsfristen je Datenart/ });
  await plan.getByRole("row", { name: /Beratungsvermerke mit Nachträgen/ }).getByText("5 Jahre (Aufbewahrungspflicht)").waitFor();
  assert.ok((await plan.innerText()).includes("gemeldet: die Frist läuft erst nach der Abmeldung"));
  await barrierefrei(ds, "Aufbewahrung und Löschung");
  await bildschirmfoto(ds, "40-aufbewahrung-und-loeschung");

  // A hold without choosing the proceedings: the message names it; then with an Aktenzeichen.
  await tastatur.klicken(ds, ds.getByRole("button", { name: "Aufbewahrung anordnen" }));
  await ds.getByRole("alert").getByText("Bitte das Verfahren wählen.").waitFor();
  await barrierefrei(ds, "Aufbewahrung mit Fehler");
  await tastatur.waehlen(ds, ds.getByLabel("Widerspruchsverfahren"));
  await tastatur.fuellen(ds, ds.getByLabel("Aktenzeichen"), "W 123/26");
  await tastatur.klicken(ds, ds.getByRole("button", { name: "Aufbewahrung anordnen" }));
  await ds.getByText("Die Aufbewahrungsanordnung wurde gespeichert.").waitFor();
  const anordnungen = ds.getByRole("table", { name: /Aufbewahrungsanordnungen/ });
  await anordnungen.getByText("W 123/26").waitFor();

  // The Art. 17 request (today is filled in); then the hold is lifted again.
  await tastatur.klicken(ds, ds.getByRole("button", { name: "Löschantrag erfassen" }));
  await ds.getByText("Der Löschantrag wurde erfasst.").waitFor();
  await ds.getByText(/Erfasste Anträge, eingegangen am/).waitFor();
  await tastatur.klicken(ds, anordnungen.getByRole("button", { name: /Aufheben/ }));
  await ds.getByText("Die Aufbewahrungsanordnung wurde aufgehoben.").waitFor();
  await ds.getByRole("table", { name: /Aufbewahrungsanordnungen/ }).getByText(/aufgehoben am/).waitFor();
  await barrierefrei(ds, "Aufbewahrung nach Antrag");
  ohneFehler(ds, "Aufbewahrung");

  // The demo's run of today: one customer's working data deleted, her case restricted.
  await ds.goto(`${URL_BASIS}/verwaltung`);
  await tastatur.klicken(ds, ds.getByRole("link", { name: "Löschläufe ansehen" }));
  await ds.getByRole("heading", { level: 1, name: "Löschläufe" }).waitFor();
  const laeufe = ds.getByRole("table", { name: /Löschläufe/ });
  await laeufe.getByText(/Arbeitsdaten .*: 1 Fall,/).waitFor();
  await barrierefrei(ds, "Löschläufe");
  await bildschirmfoto(ds, "41-loeschlaeufe");
  ohneFehler(ds, "Löschläufe");
  await ds.context().close();
});
