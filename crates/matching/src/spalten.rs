//! Columnar storage of one occupation group (postings or profiles), sorted by (weit, z, id):
//! rows with a radius first, ordered by the z coordinate of their unit vector (≈ latitude), so
//! a radius query reads one contiguous band; rows without a radius (weit) after them.
//! Skills are bitsets over the group's own vocabulary (`w` words of 64 bits per row).

use std::cmp::Ordering;

use crate::typen::FaehigkeitId;

/// One row to insert.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Zeile<'a> {
    pub id: u64,
    pub xyz: [f32; 3],
    pub flags: u8,
    pub a: u16,
    pub b: u16,
    pub c: u16,
    pub radius: f32,
    pub alt: u64,
    /// Sorted, without duplicates.
    pub faehigkeiten: &'a [FaehigkeitId],
}

impl Zeile<'_> {
    fn weit(&self) -> bool {
        !self.radius.is_finite()
    }
}

/// Flag bit: the place is abroad (postings) / may work abroad (profiles).
pub(crate) const AUSLAND: u8 = 0x80;
/// Flag bit (profiles): F2 step 3, applications stand against open Handlungsbedarfe.
pub(crate) const ENTGEGEN: u8 = 0x40;

#[derive(Debug, Clone, Default)]
pub(crate) struct Spalten {
    pub ids: Vec<u64>,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub z: Vec<f32>,
    pub flags: Vec<u8>,
    pub a: Vec<u16>,
    pub b: Vec<u16>,
    pub c: Vec<u16>,
    pub radius: Vec<f32>,
    pub alt: Vec<u64>,
    pub bits: Vec<u64>,
    pub anzahl: Vec<u8>,
    /// Words per row in `bits`.
    pub w: usize,
    /// Local bit → skill (sorted).
    pub vokabular: Vec<FaehigkeitId>,
    /// Rows `[0, n_lokal)` have a finite radius and are sorted by z.
    pub n_lokal: usize,
    /// The largest radius among the local rows (never shrinks; a bound only).
    pub max_radius: f32,
}

fn schluessel_cmp(a: (bool, f32, u64), b: (bool, f32, u64)) -> Ordering {
    a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2))
}

impl Spalten {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn bytes(&self) -> usize {
        self.ids.capacity() * 8
            + (self.x.capacity() + self.y.capacity() + self.z.capacity() + self.radius.capacity()) * 4
            + self.flags.capacity()
            + (self.a.capacity() + self.b.capacity() + self.c.capacity()) * 2
            + (self.alt.capacity() + self.bits.capacity()) * 8
            + self.anzahl.capacity()
            + self.vokabular.capacity() * 4
    }

    /// Builds from rows in any order.
    pub fn aus_zeilen(mut zeilen: Vec<Zeile<'_>>) -> Spalten {
        zeilen.sort_by(|p, q| schluessel_cmp((p.weit(), p.xyz[2], p.id), (q.weit(), q.xyz[2], q.id)));
        let mut vokabular: Vec<FaehigkeitId> = zeilen.iter().flat_map(|z| z.faehigkeiten.iter().copied()).collect();
        vokabular.sort_unstable();
        vokabular.dedup();
        let mut s = Spalten { w: vokabular.len().div_ceil(64).max(1), vokabular, ..Spalten::default() };
        let n = zeilen.len();
        s.reservieren(n);
        for z in &zeilen {
            s.anhaengen(z);
        }
        s.n_lokal = zeilen.iter().take_while(|z| !z.weit()).count();
        s.max_radius = zeilen[..s.n_lokal].iter().map(|z| z.radius).fold(0.0, f32::max);
        s
    }

    fn reservieren(&mut self, n: usize) {
        self.ids.reserve_exact(n);
        self.x.reserve_exact(n);
        self.y.reserve_exact(n);
        self.z.reserve_exact(n);
        self.flags.reserve_exact(n);
        self.a.reserve_exact(n);
        self.b.reserve_exact(n);
        self.c.reserve_exact(n);
        self.radius.reserve_exact(n);
        self.alt.reserve_exact(n);
        self.bits.reserve_exact(n * self.w);
        self.anzahl.reserve_exact(n);
    }

    fn kodieren(&self, f: &[FaehigkeitId], aus: &mut [u64]) -> u8 {
        let mut n = 0u8;
        for id in f {
            if let Ok(bit) = self.vokabular.binary_search(id) {
                aus[bit / 64] |= 1 << (bit % 64);
                n = n.saturating_add(1);
            }
        }
        n
    }

    /// The query's skills as a bitmask over this group's vocabulary.
    pub fn maske(&self, f: &[FaehigkeitId], aus: &mut Vec<u64>) {
        aus.clear();
        aus.resize(self.w, 0);
        self.kodieren(f, aus);
    }

    fn anhaengen(&mut self, z: &Zeile<'_>) {
        let start = self.bits.len();
        self.bits.resize(start + self.w, 0);
        let mut wort = vec![0u64; self.w];
        let n = self.kodieren(z.faehigkeiten, &mut wort);
        self.bits[start..].copy_from_slice(&wort);
        self.anzahl.push(n);
        self.ids.push(z.id);
        self.x.push(z.xyz[0]);
        self.y.push(z.xyz[1]);
        self.z.push(z.xyz[2]);
        self.flags.push(z.flags);
        self.a.push(z.a);
        self.b.push(z.b);
        self.c.push(z.c);
        self.radius.push(z.radius);
        self.alt.push(z.alt);
    }

    pub fn position(&self, id: u64) -> Option<usize> {
        self.ids.iter().position(|i| *i == id)
    }

    /// The skills of row `i`.
    pub fn faehigkeiten(&self, i: usize) -> Vec<FaehigkeitId> {
        let mut aus = Vec::new();
        for (wi, wort) in self.bits[i * self.w..(i + 1) * self.w].iter().enumerate() {
            let mut m = *wort;
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                aus.push(self.vokabular[wi * 64 + bit]);
                m &= m - 1;
            }
        }
        aus
    }

    fn zeile_owned(&self, i: usize) -> (Zeile<'static>, Vec<FaehigkeitId>) {
        let z = Zeile {
            id: self.ids[i],
            xyz: [self.x[i], self.y[i], self.z[i]],
            flags: self.flags[i],
            a: self.a[i],
            b: self.b[i],
            c: self.c[i],
            radius: self.radius[i],
            alt: self.alt[i],
            faehigkeiten: &[],
        };
        (z, self.faehigkeiten(i))
    }

    /// A copy without the row of `weg` and with `neu` added (copy-on-write: readers keep the
    /// old version until the new one is published).
    pub fn geaendert(&self, weg: Option<u64>, neu: Option<Zeile<'_>>) -> Spalten {
        let neue_faehigkeit =
            neu.is_some_and(|z| z.faehigkeiten.iter().any(|f| self.vokabular.binary_search(f).is_err()));
        if neue_faehigkeit {
            // The vocabulary grows: re-encode the whole group (rare: a skill new to the occupation).
            let rest: Vec<(Zeile<'static>, Vec<FaehigkeitId>)> =
                (0..self.len()).filter(|i| Some(self.ids[*i]) != weg).map(|i| self.zeile_owned(i)).collect();
            let mut zeilen: Vec<Zeile<'_>> =
                rest.iter().map(|(z, f)| Zeile { faehigkeiten: f.as_slice(), ..*z }).collect();
            zeilen.extend(neu);
            let mut s = Spalten::aus_zeilen(zeilen);
            s.max_radius = s.max_radius.max(self.max_radius);
            return s;
        }
        let mut s = self.clone();
        if let Some(i) = weg.and_then(|id| s.position(id)) {
            s.ids.remove(i);
            s.x.remove(i);
            s.y.remove(i);
            s.z.remove(i);
            s.flags.remove(i);
            s.a.remove(i);
            s.b.remove(i);
            s.c.remove(i);
            s.radius.remove(i);
            s.alt.remove(i);
            s.anzahl.remove(i);
            s.bits.drain(i * s.w..(i + 1) * s.w);
            if i < s.n_lokal {
                s.n_lokal -= 1;
            }
        }
        if let Some(z) = neu {
            let k = (z.weit(), z.xyz[2], z.id);
            let (mut i, mut hi) = (0, s.len());
            while i < hi {
                let j = (i + hi) / 2;
                if schluessel_cmp((j >= s.n_lokal, s.z[j], s.ids[j]), k) == Ordering::Less {
                    i = j + 1;
                } else {
                    hi = j;
                }
            }
            let mut wort = vec![0u64; s.w];
            let n = s.kodieren(z.faehigkeiten, &mut wort);
            s.ids.insert(i, z.id);
            s.x.insert(i, z.xyz[0]);
            s.y.insert(i, z.xyz[1]);
            s.z.insert(i, z.xyz[2]);
            s.flags.insert(i, z.flags);
            s.a.insert(i, z.a);
            s.b.insert(i, z.b);
            s.c.insert(i, z.c);
            s.radius.insert(i, z.radius);
            s.alt.insert(i, z.alt);
            s.anzahl.insert(i, n);
            s.bits.splice(i * s.w..i * s.w, wort);
            if !z.weit() {
                s.n_lokal += 1;
                s.max_radius = s.max_radius.max(z.radius);
            }
        }
        s
    }

    /// Rows whose z lies within `[z - band, z + band]` among the local rows.
    pub fn band(&self, z: f32, band: f32) -> std::ops::Range<usize> {
        let lokal = &self.z[..self.n_lokal];
        let lo = lokal.partition_point(|v| *v < z - band);
        let hi = lokal.partition_point(|v| *v <= z + band);
        lo..hi.max(lo)
    }
}
