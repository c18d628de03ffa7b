import { chromium } from "/work/main/e2e/node_modules/playwright-core/index.mjs";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const s = await (await b.newContext({ locale: "de-DE" })).newPage();
const U = "http://127.0.0.1:18080";
await s.goto(U + "/anmelden");
await s.getByLabel("Benutzername").fill(process.argv[2]);
await s.getByLabel("Passwort").fill("Vierphasen-Demo-2026");
await s.getByRole("button", { name: "Anmelden" }).click();
await s.waitForURL((u) => !u.pathname.startsWith("/anmelden"));
await s.goto(U + process.argv[3]);
if (process.argv[4]) { await s.getByRole("button", { name: process.argv[4] }).click(); await s.waitForLoadState("load"); }
console.log(s.url());
console.log((await s.locator("main").innerText()).slice(0, 3000));
await s.screenshot({ path: "/tmp/probe.png", fullPage: true });
await b.close();
