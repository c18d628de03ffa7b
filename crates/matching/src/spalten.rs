//! Columnar storage of one occupation group (postings or profiles), sorted by
//! (weit, radius, z, id): rows with a radius first, in runs of equal radius, each run ordered by
//! the z coordinate of the unit vector (≈ latitude), so a radius query reads one contiguous band
//! per run; rows without a radius (weit) after them.
//!
//! Skills: a bitset (`w` words per row) over the group's fixed vocabulary — the KldB activities
//! of its Berufsgruppe, which is what postings of these occupations ask for — and, per row, the
//! skills outside that vocabulary as a short list (`extra`), so any skill still counts exactly.

use std::cmp::Ordering;
use std::ops::Range;

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
    /// Finite: local row (a posting has 0); infinite: searched nationwide.
    pub radius: f32,
    pub alt: u64,
    /// Sorted, without duplicates.
    pub faehigkeiten: &'a [FaehigkeitId],
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
    /// Number of skills per row (bits and extra).
    pub anzahl: Vec<u8>,
    /// Row i's skills outside the vocabulary: `extra[extra_start[i]..extra_start[i + 1]]`.
    pub extra_start: Vec<u32>,
    pub extra: Vec<FaehigkeitId>,
    /// Words per row in `bits`.
    pub w: usize,
    /// Bit → skill (sorted, fixed for the group).
    pub vokabular: Vec<FaehigkeitId>,
    /// Local rows: runs of equal radius `(radius, rows)`, each sorted by z.
    pub laeufe: Vec<(f32, Range<usize>)>,
    /// Rows `[n_lokal, len)` have no radius.
    pub n_lokal: usize,
}

fn weit(radius: f32) -> bool {
    !radius.is_finite()
}

fn schluessel_cmp(a: (f32, f32, u64), b: (f32, f32, u64)) -> Ordering {
    weit(a.0).cmp(&weit(b.0)).then(a.0.total_cmp(&b.0)).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// The query's skills against one group: bits in the vocabulary, the rest as a sorted list.
#[derive(Debug, Default)]
pub(crate) struct Maske {
    pub bits: Vec<u64>,
    pub fremde: Vec<FaehigkeitId>,
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
            + (self.extra_start.capacity() + self.extra.capacity() + self.vokabular.capacity()) * 4
    }

    /// Builds from rows in any order over a fixed vocabulary (sorted).
    pub fn aus_zeilen(mut zeilen: Vec<Zeile<'_>>, vokabular: Vec<FaehigkeitId>) -> Spalten {
        zeilen.sort_by(|p, q| schluessel_cmp((p.radius, p.xyz[2], p.id), (q.radius, q.xyz[2], q.id)));
        let mut s = Spalten { w: vokabular.len().div_ceil(64).max(1), vokabular, ..Spalten::default() };
        let n = zeilen.len();
        s.ids.reserve_exact(n);
        s.x.reserve_exact(n);
        s.y.reserve_exact(n);
        s.z.reserve_exact(n);
        s.flags.reserve_exact(n);
        s.a.reserve_exact(n);
        s.b.reserve_exact(n);
        s.c.reserve_exact(n);
        s.radius.reserve_exact(n);
        s.alt.reserve_exact(n);
        s.bits.reserve_exact(n * s.w);
        s.anzahl.reserve_exact(n);
        s.extra_start.reserve_exact(n + 1);
        s.extra_start.push(0);
        let mut wort = vec![0u64; s.w];
        for z in &zeilen {
            wort.fill(0);
            let n = s.kodieren(z.faehigkeiten, &mut wort);
            s.bits.extend_from_slice(&wort);
            s.anzahl.push(n);
            s.extra_start.push(s.extra.len() as u32);
            s.ids.push(z.id);
            s.x.push(z.xyz[0]);
            s.y.push(z.xyz[1]);
            s.z.push(z.xyz[2]);
            s.flags.push(z.flags);
            s.a.push(z.a);
            s.b.push(z.b);
            s.c.push(z.c);
            s.radius.push(z.radius);
            s.alt.push(z.alt);
        }
        s.extra.shrink_to_fit();
        s.laeufe_bestimmen();
        s
    }

    /// Sets the bits of `f`'s skills in the vocabulary and appends the others to `extra`.
    fn kodieren(&mut self, f: &[FaehigkeitId], wort: &mut [u64]) -> u8 {
        for id in f {
            match self.vokabular.binary_search(id) {
                Ok(bit) => wort[bit / 64] |= 1 << (bit % 64),
                Err(_) => self.extra.push(*id),
            }
        }
        f.len().min(usize::from(u8::MAX)) as u8
    }

    fn laeufe_bestimmen(&mut self) {
        self.n_lokal = self.radius.partition_point(|r| !weit(*r));
        self.laeufe.clear();
        let mut start = 0;
        for i in 1..=self.n_lokal {
            if i == self.n_lokal || self.radius[i] != self.radius[start] {
                self.laeufe.push((self.radius[start], start..i));
                start = i;
            }
        }
    }

    /// The query's skills as bits over this group's vocabulary plus the ones outside it.
    pub fn maske(&self, f: &[FaehigkeitId], aus: &mut Maske) {
        aus.bits.clear();
        aus.bits.resize(self.w, 0);
        aus.fremde.clear();
        for id in f {
            match self.vokabular.binary_search(id) {
                Ok(bit) => aus.bits[bit / 64] |= 1 << (bit % 64),
                Err(_) => aus.fremde.push(*id),
            }
        }
        aus.fremde.sort_unstable();
        aus.fremde.dedup();
    }

    /// Skills row `i` shares with the query.
    #[inline]
    pub fn treffer(&self, i: usize, m: &Maske) -> u32 {
        let w = self.w;
        let mut n: u32 = self.bits[i * w..(i + 1) * w].iter().zip(&m.bits).map(|(a, b)| (a & b).count_ones()).sum();
        if !m.fremde.is_empty() {
            let extra = &self.extra[self.extra_start[i] as usize..self.extra_start[i + 1] as usize];
            n += extra.iter().filter(|f| m.fremde.binary_search(f).is_ok()).count() as u32;
        }
        n
    }

    pub fn position(&self, id: u64) -> Option<usize> {
        self.ids.iter().position(|i| *i == id)
    }

    /// The skills of row `i`, sorted.
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
        aus.extend_from_slice(&self.extra[self.extra_start[i] as usize..self.extra_start[i + 1] as usize]);
        aus.sort_unstable();
        aus
    }

    /// A copy with only the rows for which `behalten(row)` holds.
    pub fn gefiltert(&self, behalten: impl Fn(usize) -> bool) -> Spalten {
        let rest: Vec<(usize, Vec<FaehigkeitId>)> =
            (0..self.len()).filter(|i| behalten(*i)).map(|i| (i, self.faehigkeiten(i))).collect();
        let zeilen = rest
            .iter()
            .map(|(i, f)| Zeile {
                id: self.ids[*i],
                xyz: [self.x[*i], self.y[*i], self.z[*i]],
                flags: self.flags[*i],
                a: self.a[*i],
                b: self.b[*i],
                c: self.c[*i],
                radius: self.radius[*i],
                alt: self.alt[*i],
                faehigkeiten: f,
            })
            .collect();
        Spalten::aus_zeilen(zeilen, self.vokabular.clone())
    }

    /// A copy without the row of `weg` and with `neu` added, in one pass over the columns
    /// (copy-on-write: readers keep the old version until the new one is published).
    pub fn geaendert(&self, weg: Option<u64>, neu: Option<Zeile<'_>>) -> Spalten {
        let weg = weg.and_then(|id| self.position(id));
        let mut neue_extra = Vec::new();
        let ein = neu.map(|z| {
            let k = (z.radius, z.xyz[2], z.id);
            let (mut i, mut hi) = (0, self.len());
            while i < hi {
                let j = (i + hi) / 2;
                if schluessel_cmp((self.radius[j], self.z[j], self.ids[j]), k) == Ordering::Less {
                    i = j + 1;
                } else {
                    hi = j;
                }
            }
            // Position after the removal.
            let pos = if weg.is_some_and(|r| r < i) { i - 1 } else { i };
            let mut wort = vec![0u64; self.w];
            for id in z.faehigkeiten {
                match self.vokabular.binary_search(id) {
                    Ok(bit) => wort[bit / 64] |= 1 << (bit % 64),
                    Err(_) => neue_extra.push(*id),
                }
            }
            (pos, z, wort)
        });
        let e = ein.as_ref();
        let mut s = Spalten {
            ids: umbauen(&self.ids, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.id))), 1),
            x: umbauen(&self.x, weg, e.map(|(p, z, _)| (*p, &z.xyz[0..1])), 1),
            y: umbauen(&self.y, weg, e.map(|(p, z, _)| (*p, &z.xyz[1..2])), 1),
            z: umbauen(&self.z, weg, e.map(|(p, z, _)| (*p, &z.xyz[2..3])), 1),
            flags: umbauen(&self.flags, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.flags))), 1),
            a: umbauen(&self.a, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.a))), 1),
            b: umbauen(&self.b, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.b))), 1),
            c: umbauen(&self.c, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.c))), 1),
            radius: umbauen(&self.radius, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.radius))), 1),
            alt: umbauen(&self.alt, weg, e.map(|(p, z, _)| (*p, std::slice::from_ref(&z.alt))), 1),
            bits: umbauen(&self.bits, weg, e.map(|(p, _, w)| (*p, w.as_slice())), self.w),
            anzahl: {
                let n = e.map(|(_, z, _)| [z.faehigkeiten.len().min(usize::from(u8::MAX)) as u8]);
                umbauen(&self.anzahl, weg, e.zip(n.as_ref()).map(|((p, _, _), n)| (*p, n.as_slice())), 1)
            },
            extra_start: Vec::new(),
            extra: Vec::new(),
            w: self.w,
            vokabular: self.vokabular.clone(),
            laeufe: Vec::new(),
            n_lokal: 0,
        };
        // The extra skills: per-row lengths rebuilt into offsets.
        let mut laengen: Vec<u32> = self.extra_start.windows(2).map(|w| w[1] - w[0]).collect();
        let mut werte: Vec<FaehigkeitId> = Vec::with_capacity(self.extra.len() + neue_extra.len());
        if let Some(r) = weg {
            let (von, bis) = (self.extra_start[r] as usize, self.extra_start[r + 1] as usize);
            werte.extend_from_slice(&self.extra[..von]);
            werte.extend_from_slice(&self.extra[bis..]);
            laengen.remove(r);
        } else {
            werte.extend_from_slice(&self.extra);
        }
        if let Some((p, _, _)) = e {
            let ab: u32 = laengen[..*p].iter().sum();
            werte.splice(ab as usize..ab as usize, neue_extra.iter().copied());
            laengen.insert(*p, neue_extra.len() as u32);
        }
        s.extra_start.reserve_exact(laengen.len() + 1);
        s.extra_start.push(0);
        let mut summe = 0u32;
        for l in laengen {
            summe += l;
            s.extra_start.push(summe);
        }
        s.extra = werte;
        s.laeufe_bestimmen();
        s
    }

    /// Local rows whose z lies within `[z - band(r), z + band(r)]`, one range per radius run.
    pub fn baender<F: Fn(f32) -> f32>(&self, z: f32, band: F) -> impl Iterator<Item = Range<usize>> + use<'_, F> {
        self.laeufe.iter().map(move |(r, lauf)| {
            let b = band(*r);
            let zs = &self.z[lauf.clone()];
            let lo = zs.partition_point(|v| *v < z - b);
            let hi = zs.partition_point(|v| *v <= z + b).max(lo);
            lauf.start + lo..lauf.start + hi
        })
    }
}

/// `alt` (rows of `breite` elements) without row `weg` and with `ein = (row, elements)` inserted
/// at that row of the result, copied once.
fn umbauen<T: Copy>(alt: &[T], weg: Option<usize>, ein: Option<(usize, &[T])>, breite: usize) -> Vec<T> {
    let (vorne, hinten) = match weg {
        Some(r) => (&alt[..r * breite], &alt[(r + 1) * breite..]),
        None => (alt, &alt[alt.len()..]),
    };
    let mut v = Vec::with_capacity(vorne.len() + hinten.len() + ein.map_or(0, |(_, e)| e.len()));
    match ein {
        None => {
            v.extend_from_slice(vorne);
            v.extend_from_slice(hinten);
        }
        Some((p, e)) if p * breite <= vorne.len() => {
            v.extend_from_slice(&vorne[..p * breite]);
            v.extend_from_slice(e);
            v.extend_from_slice(&vorne[p * breite..]);
            v.extend_from_slice(hinten);
        }
        Some((p, e)) => {
            let q = p * breite - vorne.len();
            v.extend_from_slice(vorne);
            v.extend_from_slice(&hinten[..q]);
            v.extend_from_slice(e);
            v.extend_from_slice(&hinten[q..]);
        }
    }
    v
}
