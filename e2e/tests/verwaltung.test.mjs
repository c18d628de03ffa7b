// Issue 15/9 in the browser: the Administration creates an account, changes its role and team,
// hands out a one-time link with which the person sets her own password (by keyboard), and she
// signs in with it; the Datenschutz filters the access log of the Dienststelle by user and
// purpose and finds the CSV link. axe on every new page, no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, PASSWORT, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const NEU = "Sonnenblume-im-Maerz-2027";

test("Administration: Rolle und Team ändern, Link für ein neues Passwort", async () => {
  const stempel = Date.now();
  const login = `e2e.konto.${stempel}`;
  const name = `Erika Einarbeitung ${stempel % 10000}`;
  const admin = await neueSeite(browser);
  await anmelden(admin, "admin.agentur");
  await admin.goto(`${URL_BASIS}/verwaltung`);
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("Benutzername").fill(login);
  await admin.getByLabel("Rolle", { exact: true }).selectOption("teamleitung");
  await admin.getByLabel("Erstes Passwort").fill(PASSWORT + "-erst");
  await admin.getByRole("button", { name: "Benutzer anlegen" }).click();
  await admin.getByText("Der Benutzer wurde angelegt.").waitFor();

  // From the list to the account (keyboard), then role and team.
  await tastatur.klicken(admin, admin.getByRole("link", { name: `Bearbeiten (${name})` }));
  await admin.getByRole("heading", { level: 1, name }).waitFor();
  await admin.getByLabel("Rolle", { exact: true }).selectOption("admin");
  const teams = await admin.getByLabel("Team", { exact: true }).locator("option").allInnerTexts();
  await admin.getByLabel("Team", { exact: true }).selectOption({ label: teams[1] });
  await tastatur.klicken(admin, admin.getByRole("button", { name: "Rolle, Team und Fachdienst speichern" }));
  await admin.getByText("Rolle und Team wurden gespeichert.").waitFor();
  assert.equal(await admin.getByLabel("Rolle", { exact: true }).inputValue(), "admin");
  await barrierefrei(admin, "Benutzer bearbeiten");
  await bildschirmfoto(admin, "43-benutzer-bearbeiten");

  // The link is shown once.
  await tastatur.klicken(admin, admin.getByRole("button", { name: "Link zum Setzen eines neuen Passworts erstellen" }));
  await admin.getByText("Dieser Link wird nur jetzt angezeigt.").waitFor();
  const link = await admin.getByLabel("Link").inputValue();
  assert.match(link, /\/passwort-neu\/[A-Za-z0-9_-]{43}$/);
  await barrierefrei(admin, "Link für ein neues Passwort");
  ohneFehler(admin, "Administration Benutzer");
  await admin.context().close();

  // She sets her password herself, by keyboard, and signs in with it.
  const person = await neueSeite(browser);
  await person.goto(link);
  await person.getByText(`Für das Konto ${login}`).waitFor();
  await barrierefrei(person, "Neues Passwort setzen");
  await tastatur.fuellen(person, person.getByLabel("Neues Passwort", { exact: true }), NEU);
  await tastatur.fuellen(person, person.getByLabel("Neues Passwort wiederholen"), NEU + "x");
  await tastatur.klicken(person, person.getByRole("button", { name: "Passwort setzen" }));
  await person.getByRole("alert").getByText("Die beiden Passwörter stimmen nicht überein.").waitFor();
  await tastatur.fuellen(person, person.getByLabel("Neues Passwort", { exact: true }), NEU);
  await tastatur.fuellen(person, person.getByLabel("Neues Passwort wiederholen"), NEU);
  await tastatur.klicken(person, person.getByRole("button", { name: "Passwort setzen" }));
  await person.getByText("Ihr neues Passwort ist gesetzt.").waitFor();
  await person.getByLabel("Benutzername").fill(login);
  await person.getByLabel("Passwort").fill(NEU);
  await person.getByRole("button", { name: "Anmelden" }).click();
  await person.waitForURL((u) => !u.pathname.startsWith("/anmelden"));
  // The link is used up.
  await person.goto(link);
  await person.getByText("Dieser Link gilt nicht (mehr).").waitFor();
  person.fehler = person.fehler.filter((f) => !/status of 404/.test(f));
  ohneFehler(person, "Neues Passwort");
  await person.context().close();
});

test("Datenschutz: Zugriffsprotokoll nach Benutzer und Zweck filtern", async () => {
  // A read to find: the VFK opens the first case of her list.
  const vfk = await neueSeite(browser);
  await anmelden(vfk, "vfk.agentur1");
  await vfk.goto(`${URL_BASIS}/kunden`);
  await vfk.locator("#trefferliste tbody tr a").first().click();
  await vfk.waitForURL(/\/kunden\/\d+$/);
  await vfk.context().close();

  const ds = await neueSeite(browser);
  await anmelden(ds, "datenschutz.agentur");
  await ds.goto(`${URL_BASIS}/verwaltung`);
  await tastatur.klicken(ds, ds.getByRole("link", { name: "Zugriffsprotokoll durchsuchen" }));
  await ds.getByRole("heading", { level: 1, name: "Zugriffsprotokoll der Dienststelle" }).waitFor();
  const benutzer = await ds.getByLabel("Benutzer").locator("option").allInnerTexts();
  await ds.getByLabel("Benutzer").selectOption({ label: benutzer.find((b) => b.includes("(vfk.agentur1)")) });
  await ds.getByLabel("Zweck").selectOption("Beratung");
  await tastatur.klicken(ds, ds.getByRole("button", { name: "Anzeigen" }));
  await ds.getByRole("heading", { level: 2, name: /Einträge?, neueste zuerst/ }).waitFor();
  const zeilen = ds.getByRole("table", { name: "Einträge des Zugriffsprotokolls" }).locator("tbody tr");
  assert.ok(await zeilen.count() >= 1);
  assert.match(await zeilen.first().innerText(), /vfk\.agentur1\)[\s\S]*Beratung/);
  const csv = ds.getByRole("link", { name: "Diese Auswahl als CSV herunterladen" });
  assert.match(await csv.getAttribute("href"), /^\/verwaltung\/protokoll\.csv\?benutzer=\d+&.*zweck=Beratung/);
  await barrierefrei(ds, "Zugriffsprotokoll der Dienststelle");
  await bildschirmfoto(ds, "44-zugriffsprotokoll-filtern", "#h-filter");
  ohneFehler(ds, "Zugriffsprotokoll");
  await ds.context().close();
});
