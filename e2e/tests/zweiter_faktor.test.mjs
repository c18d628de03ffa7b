// Zweiter Faktor (issue 17): a demo user enrols an authenticator app on her profile (the code is
// computed here from the key shown on the page, RFC 6238 with node's HMAC-SHA1), logs out, logs in
// with password and code; every new page passes axe. At the end she removes it again with a
// recovery code, so the demo database can be used again. vfk.agentur4 is used by no other test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { URL_BASIS, PASSWORT, browserStarten, neueSeite, anmelden, barrierefrei, ohneFehler, bildschirmfoto } from "../hilfen.mjs";

const LOGIN = "vfk.agentur4";

function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let wert = 0;
  const bytes = [];
  for (const c of text.replace(/[\s=]/g, "").toUpperCase()) {
    wert = ((wert << 5) | alphabet.indexOf(c)) & 0x1fff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((wert >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

// The 6-digit TOTP of `geheimnis` (base32) for the 30-second step `versatz` steps from now.
function totp(geheimnis, versatz = 0) {
  const zaehler = Buffer.alloc(8);
  zaehler.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + versatz));
  const h = createHmac("sha1", base32(geheimnis)).update(zaehler).digest();
  const o = h[h.length - 1] & 0x0f;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

let browser;
before(async () => { browser = await browserStarten(); });
after(async () => { await browser?.close(); });

test("RFC 6238: der Code im Test stimmt mit Anhang B überein", () => {
  // SHA1 seed "12345678901234567890" at T = 59 s: 94287082, the last six digits.
  const geheimnis = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const zaehler = Buffer.alloc(8);
  zaehler.writeBigUInt64BE(1n);
  const h = createHmac("sha1", base32(geheimnis)).update(zaehler).digest();
  const o = h[h.length - 1] & 0x0f;
  assert.equal(String((h.readUInt32BE(o) & 0x7fffffff) % 1e8).padStart(8, "0"), "94287082");
});

test("Zweiter Faktor: einrichten, abmelden, mit Passwort und Code anmelden", async () => {
  const seite = await neueSeite(browser);
  await anmelden(seite, LOGIN);
  await seite.goto(`${URL_BASIS}/profil`);
  await seite.getByRole("heading", { level: 2, name: "Zweiter Faktor" }).waitFor();
  await barrierefrei(seite, "Profil mit zweitem Faktor");
  await seite.getByRole("link", { name: "Zweiten Faktor einrichten" }).click();
  await seite.getByRole("heading", { level: 1, name: "Zweiter Faktor" }).waitFor();
  await barrierefrei(seite, "Zweiter Faktor: nicht eingerichtet");
  await seite.getByRole("button", { name: "Zweiten Faktor einrichten" }).click();
  await seite.getByRole("img", { name: /QR-Code/ }).waitFor();
  await barrierefrei(seite, "Zweiter Faktor: QR-Code");
  await bildschirmfoto(seite, "20-zweiter-faktor");
  const geheimnis = await seite.getByLabel("Schlüssel zur Eingabe von Hand").inputValue();
  assert.match(geheimnis, /^[A-Z2-7]{32}$/);
  await seite.getByLabel("Code aus der App (6 Ziffern)").fill(totp(geheimnis));
  await seite.getByRole("button", { name: "Bestätigen" }).click();
  await seite.getByRole("heading", { level: 2, name: "Ihre Wiederherstellungscodes" }).waitFor();
  const codes = await seite.locator(".wiederherstellungscodes code").allInnerTexts();
  assert.equal(codes.length, 10);
  await barrierefrei(seite, "Zweiter Faktor: Wiederherstellungscodes");

  await seite.getByRole("button", { name: "Abmelden" }).click();
  await seite.waitForURL(/\/anmelden\?abgemeldet=1/);
  await seite.getByLabel("Benutzername").fill(LOGIN);
  await seite.getByLabel("Passwort").fill(PASSWORT);
  await seite.getByRole("button", { name: "Anmelden" }).click();
  await seite.waitForURL(/\/anmelden\/code/);
  await barrierefrei(seite, "Anmeldung: Code");
  // The step after the one used for the confirmation (a used code is refused).
  await seite.getByLabel("Code (6 Ziffern)").fill(totp(geheimnis, 1));
  await seite.getByRole("button", { name: "Anmelden" }).click();
  await seite.waitForURL((u) => !u.pathname.startsWith("/anmelden"));
  await seite.getByRole("heading", { level: 1, name: /Arbeitsliste/ }).waitFor();

  // Clean up: remove it with a recovery code.
  await seite.goto(`${URL_BASIS}/profil/zweiter-faktor`);
  await seite.getByLabel(/Aktueller Code/).fill(codes[0]);
  await seite.getByRole("button", { name: "Zweiten Faktor abschalten" }).click();
  await seite.getByText("Der zweite Faktor ist abgeschaltet").waitFor();
  ohneFehler(seite, "Zweiter Faktor");
  await seite.context().close();
});
