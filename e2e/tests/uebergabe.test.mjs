// Issue 13/5 in the browser, by keyboard only: the Agentur's VFK enters the end of the
// Arbeitslosengeld of one of her cases, sees the U1 timeline and sends the handover packet to the
// Jobcenter; the Jobcenter's VFK finds it in her Eingang, reads the packet and takes it over, which
// opens the SGB II case with the Agentur's profiling. The Jobcenter's Teamleitung sees the demo's
// escalated handover; the Agentur's administration sees the local standard. axe on every new page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { URL_BASIS, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";
import { tastatur } from "../bedienung.mjs";

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

const iso = (tage) => new Date(Date.now() + tage * 86400000).toISOString().slice(0, 10);

// The first case of the VFK without a handover under way: its page offers the date form and
// shows "Keine." under the handovers of the case.
async function fallOhneUebergabe(seite) {
  await seite.goto(`${URL_BASIS}/kunden?meine=true`);
  const links = await seite.locator("main a[href^='/kunden/']").evaluateAll((as) =>
    as.map((a) => a.getAttribute("href")).filter((h) => /^\/kunden\/\d+$/.test(h)));
  for (const pfad of links) {
    await seite.goto(`${URL_BASIS}${pfad}/uebergabe`);
    const frei = await seite.getByRole("region", { name: /Übergaben dieses Falls \(0\)/ }).count();
    if (frei > 0) return;
  }
  throw new Error("kein Fall ohne Übergabe im Bestand");
}

test("Übergabe SGB III → SGB II: Agentur sendet, Jobcenter übernimmt und setzt fort (Tastatur)", async () => {
  const agentur = await neueSeite(browser);
  await anmelden(agentur, "vfk.agentur2");
  await fallOhneUebergabe(agentur);
  const name = (await agentur.locator("main .kern-subline").first().innerText()).split(" · ")[0];
  await agentur.getByRole("heading", { level: 1, name: "Rechtskreiswechsel und Übergabe an das Jobcenter" }).waitFor();

  await tastatur.datum(agentur, agentur.getByLabel("Ende des Arbeitslosengeldes (Rechtskreiswechsel)"), iso(40));
  await tastatur.haken(agentur, agentur.getByLabel("Ein Antrag auf Bürgergeld (SGB II) ist zu erwarten"));
  await tastatur.klicken(agentur, agentur.getByRole("button", { name: "Rechtskreiswechsel speichern" }));
  await agentur.getByText("Der Rechtskreiswechsel wurde gespeichert.").waitFor();
  // The U1 timeline: Gruppeninformation and Abschlussgespräch with the agreed hint.
  await agentur.getByText(/Gruppeninformation bzw\. Einzelberatung vor dem Rechtskreiswechsel/).waitFor();
  await agentur.getByText(/Abschlussgespräch zu Integrations- und Abgangsoptionen/).waitFor();
  await agentur.getByText(/Vereinbarung mit Jobcenter Musterstadt zur Antragsausgabe/).waitFor();
  await barrierefrei(agentur, "Rechtskreiswechsel und Übergabe");

  // An empty note is refused at its field and nothing is sent.
  await tastatur.klicken(agentur, agentur.getByRole("button", { name: "Übergabe an das Jobcenter senden" }));
  await agentur.getByRole("alert").getByText("Übergabenotiz: darf nicht leer sein").waitFor();
  await tastatur.fuellen(agentur, agentur.getByLabel("Übergabenotiz"),
    "Bewerbungen laufen; bitte die beantragte Weiterbildung im Erstgespräch SGB II aufgreifen.");
  await tastatur.klicken(agentur, agentur.getByRole("button", { name: "Übergabe an das Jobcenter senden" }));
  await agentur.getByText("Die Übergabe wurde an das Jobcenter gesendet.").waitFor();
  await agentur.getByText(/An Jobcenter Musterstadt, gesendet am .*: gesendet, wartet auf Übernahme/).waitFor();
  await bildschirmfoto(agentur, "49-uebergabe-senden");
  ohneFehler(agentur, "Übergabe senden");
  await agentur.context().close();

  // The Jobcenter: Eingang, the packet, the Übernahme.
  const jobcenter = await neueSeite(browser);
  await anmelden(jobcenter, "vfk.jobcenter1");
  await tastatur.klicken(jobcenter, jobcenter.getByRole("link", { name: "Übergaben" }));
  await jobcenter.getByRole("heading", { level: 1, name: "Übergaben SGB III → SGB II" }).waitFor();
  await barrierefrei(jobcenter, "Übergaben");
  await tastatur.klicken(jobcenter, jobcenter.getByRole("link", { name, exact: true }));
  await jobcenter.getByRole("heading", { level: 1, name: `Übergabe: ${name}` }).waitFor();
  await jobcenter.getByText(/bitte die beantragte Weiterbildung im Erstgespräch SGB II aufgreifen/).waitFor();
  await jobcenter.getByRole("heading", { level: 2, name: "Profiling" }).waitFor();
  const profillage = await jobcenter.getByText(/^Profiling vom/).count();
  await barrierefrei(jobcenter, "Übergabe");
  await bildschirmfoto(jobcenter, "50-uebergabe-jobcenter");
  await tastatur.klicken(jobcenter, jobcenter.getByRole("button", { name: "Übernehmen und im SGB II fortführen" }));
  await jobcenter.getByText("Die Übergabe wurde übernommen.").waitFor();
  await jobcenter.getByRole("heading", { level: 1, name }).waitFor();
  await jobcenter.getByText(/Kundennummer .* · SGB II/).waitFor();
  // The profiling of the Agentur goes on in the SGB II case (not restarted).
  if (profillage > 0) {
    const profil = jobcenter.getByRole("region", { name: "Phase 1: Profiling" });
    assert.doesNotMatch(await profil.innerText(), /Kein Profiling/);
  }
  await tastatur.klicken(jobcenter, jobcenter.getByRole("link", { name: "Rechtskreiswechsel / Übergabe" }));
  await jobcenter.getByText(/Zeitnahes Erstgespräch SGB II nach dem Rechtskreiswechsel/).waitFor();
  await barrierefrei(jobcenter, "Übergabe im SGB-II-Fall");
  ohneFehler(jobcenter, "Übernahme");
  await jobcenter.context().close();

  // The Teamleitung of the Jobcenter sees the demo's handover waiting too long.
  const teamleitung = await neueSeite(browser);
  await anmelden(teamleitung, "teamleitung.jobcenter1");
  await teamleitung.getByText("Eine Übergabe wartet länger als der örtliche Standard").waitFor();
  await tastatur.klicken(teamleitung, teamleitung.getByRole("link", { name: "Zu den Übergaben" }));
  await teamleitung.getByText("an die Teamleitung eskaliert").first().waitFor();
  ohneFehler(teamleitung, "Übergaben der Teamleitung");
  await teamleitung.context().close();

  // The Agentur's administration: the local standard with the Jobcenter.
  const verwaltung = await neueSeite(browser);
  await anmelden(verwaltung, "admin.agentur");
  await tastatur.klicken(verwaltung, verwaltung.getByRole("link", { name: "Übergabe an das Jobcenter" }));
  await verwaltung.getByRole("heading", { level: 1, name: "Übergabe an das Jobcenter: örtlicher Standard" }).waitFor();
  await verwaltung.getByRole("row", { name: /Jobcenter Musterstadt/ }).waitFor();
  await barrierefrei(verwaltung, "Übergabestandard");
  ohneFehler(verwaltung, "Übergabestandard");
  await verwaltung.context().close();
});
