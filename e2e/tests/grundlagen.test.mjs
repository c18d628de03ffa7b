// Login, Arbeitsliste, Kundensuche (live with htmx), Kundenakte: each page renders without console
// errors (CSP), passes axe, and the keyboard reaches the content through the skip link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test("Anmeldeseite: barrierefrei, falsches Passwort wird deutsch erklärt", async () => {
  const seite = await neueSeite(browser);
  await seite.goto(`${URL_BASIS}/anmelden`);
  await barrierefrei(seite, "Anmeldung");
  await bildschirmfoto(seite, "01-anmeldung");
  await seite.getByLabel("Benutzername").fill("vfk.agentur1");
  await seite.getByLabel("Passwort").fill("falsch-falsch-falsch");
  await seite.getByRole("button", { name: "Anmelden" }).click();
  await seite.getByText("Benutzername oder Passwort ist falsch").waitFor();
  await barrierefrei(seite, "Anmeldung mit Fehler");
  await seite.context().close();
});

test("Arbeitsliste, Kundensuche mit Live-Filter und Kundenakte", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "vfk.agentur1");
  await seite.getByRole("heading", { level: 1, name: /Arbeitsliste/ }).waitFor();
  await barrierefrei(seite, "Arbeitsliste");
  await bildschirmfoto(seite, "02-arbeitsliste");

  await seite.getByRole("link", { name: "Kunden", exact: true }).click();
  await seite.getByRole("heading", { level: 1, name: "Kundensuche" }).waitFor();
  const alle = await seite.locator("#trefferliste tbody tr").count();
  assert.ok(alle > 0, "die VFK hat Kunden");
  const name = (await seite.locator("#trefferliste tbody tr a").first().innerText()).split(",")[0];
  // Live filter (htmx): typing narrows the list without submitting the form.
  await seite.getByLabel("Name, Geburtsdatum oder Kundennummer").fill(name);
  await seite.waitForFunction((n) => [...document.querySelectorAll("#trefferliste tbody tr a")]
    .every((a) => a.textContent.includes(n)), name);
  assert.ok(await seite.locator("#trefferliste tbody tr").count() <= alle);
  await barrierefrei(seite, "Kundensuche");
  await bildschirmfoto(seite, "03-kundensuche");

  await seite.locator("#trefferliste tbody tr a").first().click();
  await seite.waitForURL(/\/kunden\/\d+$/);
  await seite.getByRole("heading", { level: 2, name: "Phase 1: Profiling" }).waitFor();
  await barrierefrei(seite, "Kundenakte");
  await bildschirmfoto(seite, "04-kundenakte");
  ohneFehler(seite, "Grundseiten");
  await seite.context().close();
});

test("Begriffe: vom Fuß jeder Seite erreichbar, barrierefrei", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "aed.agentur");
  await seite.getByRole("link", { name: "Begriffe und Abkürzungen" }).click();
  await seite.getByRole("heading", { level: 1, name: "Begriffe und Abkürzungen" }).waitFor();
  await seite.getByText("Tagespendelbereich", { exact: true }).waitFor();
  await barrierefrei(seite, "Begriffe");
  await bildschirmfoto(seite, "05-begriffe");
  ohneFehler(seite, "Begriffe");
  await seite.context().close();
});

test("Tastatur: Sprunglink führt zum Inhalt", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, "vfk.agentur1");
  await seite.keyboard.press("Tab");
  const erster = await seite.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(erster, "Zum Inhalt springen");
  await seite.keyboard.press("Enter");
  const fokus = await seite.evaluate(() => document.activeElement?.id);
  assert.equal(fokus, "inhalt");
  await seite.context().close();
});
