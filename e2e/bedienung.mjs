// Two ways to operate a page, so one flow runs with the mouse and with the keyboard only.
// Keyboard mode reaches every control by Tab (radios: Tab into the group, then arrow keys) and
// operates it with Enter, Space or typing — if a control cannot be reached that way, it fails.
const MAX_TABS = 600;

// While a page is being replaced (after Enter on a link or button) the question has no answer yet.
async function istFokussiert(ziel) {
  try {
    return await ziel.evaluate((el) => el === document.activeElement, undefined, { timeout: 5000 });
  } catch {
    return false;
  }
}

async function tabZu(seite, ziel) {
  await ziel.waitFor();
  if (await istFokussiert(ziel)) { return; }
  for (let i = 0; i < MAX_TABS; i++) {
    await seite.keyboard.press("Tab");
    if (await istFokussiert(ziel)) { return; }
  }
  throw new Error(`per Tabulator nicht erreichbar: ${ziel}`);
}

// A radio is focused when the focus is in its group (one tab stop per group).
async function tabZuGruppe(seite, ziel) {
  await ziel.waitFor();
  const name = await ziel.getAttribute("name");
  const inGruppe = () => seite.evaluate((n) => document.activeElement?.getAttribute("name") === n
    && document.activeElement?.type === "radio", name).catch(() => false);
  for (let i = 0; i < MAX_TABS && !(await inGruppe()); i++) {
    await seite.keyboard.press("Tab");
  }
  if (!(await inGruppe())) { throw new Error(`Radiogruppe ${name} per Tabulator nicht erreichbar`); }
  if (await istFokussiert(ziel)) { await seite.keyboard.press("Space"); }
  for (let i = 0; i < 40 && !(await ziel.isChecked()); i++) {
    await seite.keyboard.press("ArrowDown");
  }
  if (!(await ziel.isChecked())) { throw new Error(`${ziel} per Pfeiltasten nicht wählbar`); }
}

export const maus = {
  name: "Maus",
  async klicken(seite, ziel) { await ziel.click(); },
  async fuellen(seite, ziel, text) { await ziel.fill(text); },
  async datum(seite, ziel, iso) { await ziel.fill(iso); },
  async zeit(seite, ziel, hhmm) { await ziel.fill(hhmm); },
  async waehlen(seite, ziel) { await ziel.check(); },
  async auswaehlen(seite, ziel, text) { await ziel.selectOption({ label: text }); },
  async haken(seite, ziel) { await ziel.check(); },
};

export const tastatur = {
  name: "Tastatur",
  async klicken(seite, ziel) {
    await tabZu(seite, ziel);
    const navigation = seite.waitForEvent("framenavigated", { timeout: 3000 }).catch(() => null);
    await seite.keyboard.press("Enter");
    await navigation;
    await seite.waitForLoadState("load");
  },
  async fuellen(seite, ziel, text) {
    await tabZu(seite, ziel);
    await seite.keyboard.press("Control+A");
    await seite.keyboard.press("Delete");
    await seite.keyboard.type(text);
  },
  // A date field takes the digits in the order the browser shows its segments: TT.MM.JJJJ in
  // German, MM/TT/JJJJ where the browser's own language is English.
  async datum(seite, ziel, iso) {
    await tabZu(seite, ziel);
    const [j, m, t] = iso.split("-");
    for (const folge of [`${t}${m}${j}`, `${m}${t}${j}`]) {
      await seite.keyboard.press("ArrowLeft");
      await seite.keyboard.press("ArrowLeft");
      await seite.keyboard.type(folge);
      if ((await ziel.inputValue()) === iso) { return; }
    }
    throw new Error(`Datum ${iso} per Tastatur nicht eingebbar: ${await ziel.inputValue()}`);
  },
  // A time field takes hours and minutes as digits (24-hour clock in German).
  async zeit(seite, ziel, hhmm) {
    await tabZu(seite, ziel);
    await seite.keyboard.press("ArrowLeft");
    await seite.keyboard.type(hhmm.replace(":", ""));
    if ((await ziel.inputValue()) !== hhmm) {
      throw new Error(`Uhrzeit ${hhmm} per Tastatur nicht eingebbar: ${await ziel.inputValue()}`);
    }
  },
  async waehlen(seite, ziel) { await tabZuGruppe(seite, ziel); },
  // A select: Tab to it, then arrow keys until the option with this text is chosen.
  async auswaehlen(seite, ziel, text) {
    await tabZu(seite, ziel);
    const gewaehlt = () => ziel.evaluate((el) => el.options[el.selectedIndex]?.text.trim());
    await seite.keyboard.press("Home");
    for (let i = 0; i < 80 && (await gewaehlt()) !== text; i++) {
      await seite.keyboard.press("ArrowDown");
    }
    if ((await gewaehlt()) !== text) { throw new Error(`${text} in ${ziel} per Pfeiltasten nicht wählbar`); }
  },
  async haken(seite, ziel) {
    await tabZu(seite, ziel);
    if (!(await ziel.isChecked())) { await seite.keyboard.press("Space"); }
  },
};
