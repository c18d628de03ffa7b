// D1 need-to-know in the browser (issue 17 item 1): a VFK finds a customer of the other team by
// Kundennummer, marked "nicht Ihr Bestand"; the file shows the form for the reason instead of its
// content; she states a reason by keyboard only and the file opens; the Datenschutz reads the
// report of exceptional reads and searches. axe on both new pages, no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test("Fremde Akte nur mit Grund (per Tastatur), Bericht für den Datenschutz", async () => {
  // A customer of vfk.agentur4 (team 2): her own list shows her caseload.
  const kollegin = await neueSeite(browser);
  await anmelden(kollegin, "vfk.agentur4");
  await kollegin.goto(`${URL_BASIS}/kunden`);
  const zeile = kollegin.locator("#trefferliste tbody tr").first();
  const nummer = (await zeile.locator("td").nth(1).innerText()).trim();
  const name = (await zeile.locator("a").innerText()).trim();
  await kollegin.context().close();

  const seite = await neueSeite(browser);
  await anmelden(seite, "vfk.agentur1");
  await seite.goto(`${URL_BASIS}/kunden?abgeschickt=1&suche=${encodeURIComponent(nummer)}`);
  const treffer = seite.locator("#trefferliste tbody tr");
  assert.equal(await treffer.count(), 1);
  await treffer.getByText("nicht Ihr Bestand: Öffnen nur mit Grund").waitFor();
  await barrierefrei(seite, "Kundensuche mit fremdem Treffer");

  await tastatur.klicken(seite, treffer.getByRole("link", { name }));
  await seite.getByRole("heading", { level: 1, name: "Grund für den Zugriff angeben" }).waitFor();
  assert.equal(await seite.getByRole("heading", { name: "Phase 1: Profiling" }).count(), 0, "kein Akteninhalt");
  // The form stands where the file would be: the document answers 403 (no file content); that
  // refusal is expected here and not a console error of the page.
  seite.fehler = seite.fehler.filter((f) => !/status of 403/.test(f));
  await barrierefrei(seite, "Grund für den Zugriff");
  await bildschirmfoto(seite, "30-grund-fuer-den-zugriff");

  // Keyboard only: submitting without a choice names the missing reason.
  await tastatur.klicken(seite, seite.getByRole("button", { name: "Akte mit diesem Grund öffnen" }));
  await seite.getByRole("alert").getByText("Bitte einen Grund auswählen.").waitFor();
  await barrierefrei(seite, "Grund für den Zugriff mit Fehler");
  await tastatur.waehlen(seite, seite.getByLabel("Vertretung nicht eingetragen"));
  assert.ok(await seite.getByLabel("Vertretung nicht eingetragen").isChecked());
  await tastatur.fuellen(seite, seite.getByLabel("Erläuterung"), "Kollegin krank, Kunde ruft wegen Termin an");
  await tastatur.klicken(seite, seite.getByRole("button", { name: "Akte mit diesem Grund öffnen" }));
  await seite.waitForURL(/\/kunden\/\d+$/);
  await seite.getByRole("heading", { level: 2, name: "Phase 1: Profiling" }).waitFor();
  ohneFehler(seite, "Ausnahmezugriff");
  await seite.context().close();

  const ds = await neueSeite(browser);
  await anmelden(ds, "datenschutz.agentur");
  await ds.goto(`${URL_BASIS}/verwaltung`);
  await ds.getByRole("link", { name: "Ausnahmezugriffe und Suchen ansehen" }).click();
  await ds.getByRole("heading", { level: 1, name: "Ausnahmezugriffe und Suchen" }).waitFor();
  const ausnahmen = ds.getByRole("table", { name: /Ausnahmezugriffe/ });
  await ausnahmen.getByRole("row").filter({ hasText: nummer }).getByText(/Vertretung nicht eingetragen: Kollegin krank/).waitFor();
  await ds.getByRole("table", { name: /Kundensuchen/ }).getByText(`„${nummer}“`).first().waitFor();
  await barrierefrei(ds, "Ausnahmezugriffe und Suchen");
  await bildschirmfoto(ds, "31-ausnahmezugriffe");
  ohneFehler(ds, "Zugriffsbericht");
  await ds.context().close();
});

test("Administration: Vorgabe zum zweiten Faktor und fehlgeschlagene Anmeldungen", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "admin.agentur");
  await seite.goto(`${URL_BASIS}/verwaltung/anmeldung`);
  await seite.getByRole("heading", { level: 1, name: "Anmeldung und zweiter Faktor" }).waitFor();
  await seite.getByRole("table", { name: /Konten und ihr zweiter Faktor/ }).getByText("vfk.agentur1").waitFor();
  await barrierefrei(seite, "Anmeldung und zweiter Faktor");
  await bildschirmfoto(seite, "32-anmeldung-und-zweiter-faktor");
  ohneFehler(seite, "Verwaltung Anmeldung");
  await seite.context().close();
});
