// Shared helpers of the browser tests: start Debian's chromium headless, log in, check a page
// with axe-core (WCAG 2.0/2.1 A+AA), fail on any CSP violation or script error, save screenshots.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

export const URL_BASIS = process.env.VIERPHASEN_URL ?? "http://127.0.0.1:8080";
export const PASSWORT = process.env.VIERPHASEN_PASSWORT ?? "Vierphasen-Demo-2026";
const BILDER = process.env.VIERPHASEN_SCREENSHOTS ?? new URL("../docs/screenshots/", import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function browserStarten() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--lang=de-DE"],
  });
}

// A new page that records console errors (CSP violations are reported there) and failed requests.
export async function neueSeite(browser, optionen = {}) {
  const kontext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE", ...optionen });
  const seite = await kontext.newPage();
  seite.fehler = [];
  seite.on("console", (m) => { if (m.type() === "error") seite.fehler.push(m.text()); });
  seite.on("pageerror", (e) => seite.fehler.push(String(e)));
  // A live update (htmx) still under way when the user submits the form is cancelled by the
  // browser: that is the user moving on, not a failure.
  seite.on("requestfailed", (r) => {
    const text = r.failure()?.errorText;
    if (text === "net::ERR_ABORTED" && ["xhr", "fetch"].includes(r.resourceType())) { return; }
    seite.fehler.push(`${r.url()}: ${text}`);
  });
  return seite;
}

export async function anmelden(seite, login) {
  await seite.goto(`${URL_BASIS}/anmelden`);
  await seite.getByLabel("Benutzername").fill(login);
  await seite.getByLabel("Passwort").fill(PASSWORT);
  await seite.getByRole("button", { name: "Anmelden" }).click();
  await seite.waitForURL((u) => !u.pathname.startsWith("/anmelden"));
}

// axe-core over the whole page, WCAG 2.0/2.1 A and AA; zero violations allowed. Runs through the
// DevTools protocol, so the page's CSP stays in force.
export async function barrierefrei(seite, name) {
  await seite.evaluate(AXE);
  const ergebnis = await seite.evaluate(() =>
    globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const verstoesse = ergebnis.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
  assert.deepEqual(verstoesse, [], `axe auf ${name}:\n${verstoesse.join("\n")}`);
}

// Refusals by the rules (409) and of input (422) are answers the flow expects, not errors.
export function ohneFehler(seite, name) {
  const fehler = seite.fehler.filter((f) => !/status of (409|422)/.test(f));
  assert.deepEqual(fehler, [], `Konsole/Netz auf ${name}`);
}

// `abschnitt`: a CSS selector to show at the top instead of the start of the page.
export async function bildschirmfoto(seite, datei, abschnitt) {
  mkdirSync(BILDER, { recursive: true });
  // The visible part only: what a user sees first (full-page shots of long forms disturb the page).
  if (abschnitt) await seite.locator(abschnitt).evaluate((e) => e.scrollIntoView({ behavior: "instant" }));
  else await seite.evaluate(() => window.scrollTo(0, 0));
  await seite.screenshot({ path: `${BILDER}/${datei}.png` });
}
