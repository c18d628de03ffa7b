#!/usr/bin/env python3
"""kill -9 test (issue 17/8): no acknowledged write is lost when the server dies.

Starts `vierphasen serve --demo` on a fresh database (SQLite file or PostgreSQL database), logs in
once as a demo VFK and creates an API token, then for every round: starts the server on the same
database, checks that every write acknowledged so far (2xx with an id) is there, drives
concurrent writes (appointments for the VFK's own customers and new customers) through the API
and kills the server with SIGKILL at a random moment. A write whose answer never arrived is not
counted (it may or may not have happened); an acknowledged one must survive. Python stdlib only.

    .ci/absturz.py --vierphasen target/release/vierphasen --backend sqlite --runden 5
    .ci/absturz.py --vierphasen … --backend postgres --postgres postgres://postgres@127.0.0.1:5432

Exit code 0: nothing lost; 1: a write lost or an unexpected answer; 2: the set-up failed.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SCHREIBER = 8  # concurrent clients
HOECHSTENS = 40  # writes per client and round: bounds the time of the checks (each is a GET)


def freier_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Abbruch(Exception):
    """The set-up failed (not a lost write)."""


class Server:
    def __init__(self, vierphasen, verzeichnis, datenbank):
        self.vierphasen = vierphasen
        self.verzeichnis = verzeichnis
        self.datenbank = datenbank
        self.prozess = None
        self.port = None
        self.ausgabe = None
        self.starts = 0

    def starten(self):
        self.port = freier_port()
        self.starts += 1
        self.ausgabe = os.path.join(self.verzeichnis, f"server-{self.starts}.txt")
        with open(self.ausgabe, "w") as aus:
            self.prozess = subprocess.Popen(
                [self.vierphasen, "serve", "--demo", "--bind", f"127.0.0.1:{self.port}", "--database", self.datenbank],
                cwd=self.verzeichnis,
                stdout=aus,
                stderr=subprocess.STDOUT,
            )
        frist = time.monotonic() + 120
        while time.monotonic() < frist:
            if self.prozess.poll() is not None:
                raise Abbruch(f"Server beendet (Code {self.prozess.returncode}):\n{self.text()}")
            try:
                status, _ = Client(self.port).anfrage("GET", "/health")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise Abbruch(f"Server nicht bereit nach 120 s:\n{self.text()}")

    def text(self):
        with open(self.ausgabe, encoding="utf-8", errors="replace") as f:
            return f.read()

    def toeten(self):
        self.prozess.send_signal(signal.SIGKILL)
        self.prozess.wait()

    def beenden(self):
        if self.prozess and self.prozess.poll() is None:
            self.prozess.send_signal(signal.SIGTERM)
            try:
                self.prozess.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.toeten()


class Client:
    """One keep-alive connection; a request that gets no answer raises OSError."""

    def __init__(self, port, token=None, cookie=None):
        self.port = port
        self.kopf = {"origin": f"http://127.0.0.1:{port}"}
        if token:
            self.kopf["authorization"] = f"Bearer {token}"
        if cookie:
            self.kopf["cookie"] = cookie
        self.verbindung = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.letzte = None

    def anfrage(self, methode, pfad, daten=None):
        kopf = dict(self.kopf)
        rumpf = None
        if daten is not None:
            rumpf = json.dumps(daten).encode()
            kopf["content-type"] = "application/json"
        try:
            self.verbindung.request(methode, pfad, body=rumpf, headers=kopf)
            antwort = self.verbindung.getresponse()
            inhalt = antwort.read()
        except (OSError, http.client.HTTPException) as e:
            self.verbindung.close()
            raise OSError(str(e)) from e
        self.letzte = antwort
        try:
            return antwort.status, json.loads(inhalt) if inhalt else None
        except ValueError:
            return antwort.status, inhalt.decode(errors="replace")


def anmelden(server):
    """Logs in as the first demo VFK and creates an API token (it survives the restarts)."""
    text = server.text()
    passwort = re.search(r"Passwort für alle: ([^)]*)\)", text)
    login = re.search(r"vfk\.[a-z0-9.]+", text)
    if not passwort or not login:
        raise Abbruch(f"keine Demo-Anmeldung in der Ausgabe:\n{text}")
    c = Client(server.port)
    status, daten = c.anfrage("POST", "/api/v1/anmeldung", {"login": login.group(0), "passwort": passwort.group(1)})
    if status != 200:
        raise Abbruch(f"Anmeldung: {status} {daten}")
    cookie = c.letzte.getheader("set-cookie", "").split(";")[0]
    status, daten = Client(server.port, cookie=cookie).anfrage("POST", "/api/v1/tokens", {"name": "absturz"})
    if status != 201:
        raise Abbruch(f"Token: {status} {daten}")
    token = daten["token"]
    status, kunden = Client(server.port, token=token).anfrage("GET", "/api/v1/kunden?meine=true")
    if status != 200 or not kunden:
        raise Abbruch(f"eigene Kunden: {status} {kunden}")
    return token, [k["id"] for k in kunden]


class Last:
    """Concurrent writers; every acknowledged write is recorded with what it wrote."""

    def __init__(self, port, token, kunden, runde):
        self.port, self.token, self.kunden, self.runde = port, token, kunden, runde
        self.termine = {}  # id -> text
        self.neue_kunden = {}  # id -> nachname
        self.fehler = []
        self.halt = threading.Event()
        self.sperre = threading.Lock()

    def schreiber(self, nummer):
        c = Client(self.port, token=self.token)
        zufall = random.Random(f"{self.runde}-{nummer}")
        n = 0
        while not self.halt.is_set() and n < HOECHSTENS:
            n += 1
            marke = f"Absturztest R{self.runde} S{nummer} Nr. {n}"
            try:
                # One in four writes an appointment (GET /termine lists at most 2000, with the
                # demo's Wiedervorlagen), the others a new customer (checked one by one).
                if n % 4 == 0:
                    datum = datetime.date.today() + datetime.timedelta(days=zufall.randint(1, 300))
                    kunde = zufall.choice(self.kunden)
                    # Weekends and public holidays are refused (422): then the next day.
                    for _ in range(5):
                        status, daten = c.anfrage(
                            "POST", f"/api/v1/kunden/{kunde}/termine", {"datum": datum.isoformat(), "text": marke}
                        )
                        if status != 422:
                            break
                        datum += datetime.timedelta(days=1)
                    ziel = self.termine
                else:
                    neu = {
                        "vorname": "Testperson",
                        "nachname": f"Absturz R{self.runde} S{nummer} N{n}",
                        "geburtsdatum": "1990-05-17",
                        "rechtskreis": "SGB_III",
                        "plz": "10115",
                    }
                    status, daten = c.anfrage("POST", "/api/v1/kunden", neu)
                    ziel, marke = self.neue_kunden, neu["nachname"]
            except OSError:
                # No answer: the server is gone (or going); the write is not acknowledged.
                if self.halt.wait(0.05):
                    return
                c = Client(self.port, token=self.token)
                continue
            if 200 <= status < 300:
                with self.sperre:
                    ziel[daten["id"]] = marke
            else:
                with self.sperre:
                    self.fehler.append(f"{status} {daten}")
                return


def pruefen(port, token, termine, neue_kunden):
    """The acknowledged writes that are missing (or changed) after the restart."""
    c = Client(port, token=token)
    fehlend = []
    status, zeilen = c.anfrage("GET", "/api/v1/termine?erledigte=true")
    if status != 200:
        raise Abbruch(f"Terminliste: {status} {zeilen}")
    if len(zeilen) >= 2000:
        raise Abbruch("die Terminliste ist gekappt (2000 Einträge): weniger Termine schreiben")
    vorhanden = {z["id"]: z["text"] for z in zeilen}
    for tid, text in termine.items():
        if vorhanden.get(tid) != text:
            fehlend.append(f"Termin {tid} ({text}): {vorhanden.get(tid, 'fehlt')}")
    for kid, nachname in neue_kunden.items():
        status, akte = c.anfrage("GET", f"/api/v1/kunden/{kid}")
        if status != 200 or akte["stammdaten"]["nachname"] != nachname:
            fehlend.append(f"Kunde {kid} ({nachname}): {status}")
    return fehlend


def lauf(args, backend, verzeichnis):
    if backend == "sqlite":
        datenbank = f"sqlite://{verzeichnis}/vierphasen.db"
    else:
        name = "vierphasen_absturz"
        basis = args.postgres.rstrip("/")
        for befehl in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", "-q", "-X", "-d", f"{basis}/postgres", "-c", befehl],
                check=True,
                env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"},
            )
        datenbank = f"{basis}/{name}"
    server = Server(args.vierphasen, verzeichnis, datenbank)
    termine, neue_kunden, verloren, token, kunden = {}, {}, [], None, None
    try:
        for runde in range(1, args.runden + 2):
            server.starten()
            if token is None:
                token, kunden = anmelden(server)
            if runde > args.runden:  # the last start checks every write of every round
                verloren += pruefen(server.port, token, termine, neue_kunden)
                break
            if runde > 1:  # the writes of the round killed just before
                verloren += pruefen(server.port, token, last.termine, last.neue_kunden)
            last = Last(server.port, token, kunden, runde)
            faeden = [threading.Thread(target=last.schreiber, args=(i,)) for i in range(SCHREIBER)]
            for f in faeden:
                f.start()
            # Killed at a random moment while the clients write: after a random number of
            # acknowledged writes, short of what they would write in the round.
            ziel = random.randint(SCHREIBER, SCHREIBER * HOECHSTENS * 7 // 8)
            frist = time.monotonic() + 30
            while len(last.termine) + len(last.neue_kunden) < ziel and time.monotonic() < frist:
                time.sleep(0.002)
            server.toeten()
            last.halt.set()
            for f in faeden:
                f.join()
            if last.fehler:
                raise Abbruch(f"unerwartete Antworten in Runde {runde}: {last.fehler[:5]}")
            if not last.termine and not last.neue_kunden:
                raise Abbruch(f"Runde {runde}: kein Schreibvorgang bestätigt, der Test prüft nichts")
            termine.update(last.termine)
            neue_kunden.update(last.neue_kunden)
    finally:
        server.beenden()
    return len(termine) + len(neue_kunden), verloren


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vierphasen", required=True, help="the release binary")
    p.add_argument("--backend", choices=["sqlite", "postgres"], action="append", required=True)
    p.add_argument("--runden", type=int, default=5)
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", help="server for --backend postgres")
    args = p.parse_args()
    ergebnis = 0
    for backend in args.backend:
        beginn = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=f"absturz-{backend}-") as verzeichnis:
            try:
                geschrieben, verloren = lauf(args, backend, verzeichnis)
            except Abbruch as e:
                print(f"kill -9 {backend}: abgebrochen: {e}", file=sys.stderr)
                return 2
        print(
            f"kill -9 {backend}: {args.runden} Runden, {geschrieben} bestätigte Schreibvorgänge, "
            f"{len(verloren)} verloren ({time.monotonic() - beginn:.0f} s)"
        )
        for v in verloren[:20]:
            print(f"  verloren: {v}")
        if verloren:
            ergebnis = 1
    return ergebnis


if __name__ == "__main__":
    sys.exit(main())
