// Issue 13/6 in the browser, by keyboard only: a Teamleitung enters a stand-in for a VFK of her
// team for a period, sees it in the list and ends it again (the demo stays as it was). A wrong
// period is refused at its field. axe on the page, no console errors.
import { test, before, after } from "node:test";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const iso = (tage) => new Date(Date.now() + tage * 86400000).toISOString().slice(0, 10);
const deutsch = (datum) => datum.split("-").reverse().join(".");

test("Vertretung: Teamleitung trägt sie für einen Zeitraum ein und beendet sie (Tastatur)", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "teamleitung.agentur2");
  await seite.goto(`${URL_BASIS}/profil`);
  await tastatur.klicken(seite, seite.getByRole("link", { name: "Vertretung eintragen und ansehen" }));
  await seite.getByRole("heading", { level: 1, name: "Vertretung" }).waitFor();
  // The demo's planned holiday stand-in of the team.
  await seite.getByRole("cell", { name: "gilt nicht", exact: true }).first().waitFor();
  await barrierefrei(seite, "Vertretung");

  const vertretene = await seite.getByLabel("Vertreten wird").locator("option").allInnerTexts();
  const vertretung = await seite.getByLabel("Vertretung", { exact: true }).locator("option").allInnerTexts();
  const wer = vertretene[vertretene.length - 1];
  const durch = vertretung.find((n) => n !== "Bitte wählen" && n !== wer && vertretene.includes(n));
  await tastatur.auswaehlen(seite, seite.getByLabel("Vertreten wird"), wer);
  await tastatur.auswaehlen(seite, seite.getByLabel("Vertretung", { exact: true }), durch);
  await tastatur.datum(seite, seite.getByLabel("Von"), iso(40));
  await tastatur.datum(seite, seite.getByLabel("Bis"), iso(35));
  await tastatur.klicken(seite, seite.getByRole("button", { name: "Vertretung eintragen" }));
  await seite.getByRole("alert").getByText("Bis: liegt vor dem ersten Tag der Vertretung").waitFor();
  await tastatur.datum(seite, seite.getByLabel("Bis"), iso(45));
  await tastatur.klicken(seite, seite.getByRole("button", { name: "Vertretung eintragen" }));
  await seite.getByText("Die Vertretung wurde eingetragen.").waitFor();
  const zeile = seite.getByRole("row").filter({ hasText: `${deutsch(iso(40))} bis ${deutsch(iso(45))}` });
  await zeile.waitFor();
  await bildschirmfoto(seite, "48-vertretung");
  await tastatur.klicken(seite, zeile.getByRole("button", { name: /Beenden/ }));
  await seite.getByText("Die Vertretung wurde beendet.").waitFor();
  ohneFehler(seite, "Vertretung");
  await seite.context().close();
});
