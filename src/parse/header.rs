//! The header of a statement: an optional headline and metadata lines giving
//! the publication time and the source, in any of the shapes news sites use.

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Header {
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    /// Index of the first body line.
    pub body_start: usize,
}

/// How many leading non-blank lines may be header (title plus metadata).
const HEADER_LINES: usize = 4;

pub fn parse_header<'a>(lines: impl IntoIterator<Item = &'a str>) -> Header {
    let mut header = Header::default();
    let mut seen = 0;
    for (i, line) in lines.into_iter().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if seen == HEADER_LINES {
            break;
        }
        seen += 1;
        if let Some(meta) = metadata(line) {
            header.published = header.published.or(meta.published);
            header.source = header.source.or(meta.source);
            header.body_start = i + 1;
        } else if header.title.is_none() && is_headline(line) {
            header.title = Some(strip_markup(line).to_string());
            header.body_start = i + 1;
        } else {
            break;
        }
    }
    header
}

/// A headline is short and does not end like a sentence.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_like_sentence = line
        .trim_end_matches(['*', '"', '\'', '”', '’', ')'])
        .ends_with(['.', '。', ';', '；', ',', '，', ':', '：']);
    words <= 25 && line.chars().count() <= 200 && !ends_like_sentence
}

fn strip_markup(line: &str) -> &str {
    let l = line.trim_start_matches('#').trim();
    let l = l
        .strip_prefix("**")
        .and_then(|l| l.strip_suffix("**"))
        .unwrap_or(l);
    l.trim()
}

#[derive(Debug, Default, PartialEq)]
struct Metadata {
    published: Option<String>,
    source: Option<String>,
}

const SOURCE_LABELS: &[&str] = &["来源", "source", "sources", "from", "via"];
const TIME_LABELS: &[&str] = &[
    "发布时间",
    "时间",
    "日期",
    "published",
    "updated",
    "date",
    "posted",
    "released",
];

/// A metadata line holds a date or a source label, and little else.
fn metadata(line: &str) -> Option<Metadata> {
    if line.chars().count() > 200 {
        return None;
    }
    let date = find_date(line);
    let mut source = None;
    let mut labelled_source = false;
    // A label ends at a colon: without one, the line has no labelled field.
    let labelled = if line.contains([':', '：']) {
        fields(line)
    } else {
        Vec::new()
    };
    for field in labelled {
        if let Some((label, value)) = split_label(field) {
            let label = label.to_lowercase();
            if SOURCE_LABELS.contains(&label.as_str()) {
                labelled_source = true;
                source = source.or(clean_source(value));
            }
        }
    }
    // "2024-07-25 | shine.cn": an unlabelled field beside the date is the source.
    if source.is_none() && date.is_some() && line.contains('|') {
        source = line
            .split('|')
            .map(str::trim)
            .find(|f| find_date(f).is_none() && split_label(f).is_none() && !f.is_empty())
            // Set apart by the bar, a source may be a longer name (`State
            // Council of the People's Republic of China, English translation`).
            .and_then(|f| clean_source_within(f, 12));
    }
    if date.is_none() && !labelled_source {
        return None;
    }
    // Whatever is not date, label or source must be almost nothing, so a body
    // sentence that merely mentions a date is not taken for metadata.
    let mut rest = line.to_string();
    if let Some(d) = &date {
        rest = rest.replacen(&d.matched, " ", 1);
    }
    if let Some(s) = &source {
        rest = rest.replacen(s.as_str(), " ", 1);
    }
    let leftover_words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let lw = w.to_lowercase();
            !SOURCE_LABELS.contains(&lw.as_str()) && !TIME_LABELS.contains(&lw.as_str())
        })
        .count();
    if leftover_words > 3 {
        return None;
    }
    Some(Metadata {
        published: date.map(|d| d.iso),
        source,
    })
}

/// Fields of a metadata line: split at `|` and at runs of two or more spaces,
/// and before each label so `… 16:36:13 来源:x` yields the label field.
fn fields(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in line.split('|') {
        let mut start = 0;
        let lower = part.to_lowercase();
        let mut cuts: Vec<usize> = Vec::new();
        for label in SOURCE_LABELS.iter().chain(TIME_LABELS) {
            let mut from = 0;
            while let Some(pos) = lower.get(from..).and_then(|s| s.find(label)) {
                let at = from + pos;
                // Byte offsets of `lower` equal those of `part` for ASCII labels;
                // for the CJK labels lower-casing changes nothing.
                let boundary =
                    at == 0 || part[..at].ends_with(|c: char| c.is_whitespace() || c == '|');
                let after = part.get(at + label.len()..).unwrap_or("");
                if boundary && after.trim_start().starts_with([':', '：']) {
                    cuts.push(at);
                }
                from = at + label.len();
            }
        }
        cuts.sort_unstable();
        for cut in cuts {
            if cut > start {
                out.push(part[start..cut].trim());
                start = cut;
            }
        }
        out.push(part[start..].trim());
    }
    out.into_iter().filter(|f| !f.is_empty()).collect()
}

fn split_label(field: &str) -> Option<(&str, &str)> {
    let idx = field.find([':', '：'])?;
    let label = field[..idx].trim();
    let value = field[idx..].trim_start_matches([':', '：']).trim();
    let known = SOURCE_LABELS
        .iter()
        .chain(TIME_LABELS)
        .any(|l| label.eq_ignore_ascii_case(l));
    known.then_some((label, value))
}

fn clean_source(value: &str) -> Option<String> {
    clean_source_within(value, 6)
}

fn clean_source_within(value: &str, words: usize) -> Option<String> {
    let v = value.split("  ").next().unwrap_or("").trim();
    let v = v.trim_matches(|c: char| c.is_whitespace() || ",;，；".contains(c));
    (!v.is_empty() && v.split_whitespace().count() <= words).then(|| v.to_string())
}

#[derive(Debug, PartialEq)]
struct FoundDate {
    iso: String,
    /// The text that was read as the date (and time), to tell it from the rest.
    matched: String,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The first date in the line, with a time right after it when there is one:
/// `2023-06-07 16:36:13`, `2021年05月28日 13:42:38`, `2024/7/25`,
/// `June 7, 2023`, `7 June 2023`.
fn find_date(line: &str) -> Option<FoundDate> {
    // Every shape has a year in ASCII digits.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    numeric_date(line).or_else(|| worded_date(line))
}

fn numeric_date(line: &str) -> Option<FoundDate> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if let Some((y, m, d, end)) = ymd_at(&chars, i) {
            let start = chars[i].0;
            let (time, end) = time_after(&chars, end);
            let end_byte = chars.get(end).map_or(line.len(), |c| c.0);
            let iso = match time {
                Some((h, mi, s)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
                None => format!("{y:04}-{m:02}-{d:02}"),
            };
            return Some(FoundDate {
                iso,
                matched: line[start..end_byte].to_string(),
            });
        }
        i += 1;
    }
    None
}

fn digits_at(chars: &[(usize, char)], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut n = 0u32;
    let mut j = i;
    while j < chars.len() && j - i < max && chars[j].1.is_ascii_digit() {
        n = n * 10 + chars[j].1.to_digit(10).unwrap_or(0);
        j += 1;
    }
    (j > i).then_some((n, j))
}

fn ymd_at(chars: &[(usize, char)], i: usize) -> Option<(u32, u32, u32, usize)> {
    if i > 0 && chars[i - 1].1.is_ascii_digit() {
        return None;
    }
    let (y, j) = digits_at(chars, i, 4)?;
    if j - i != 4 || !(1900..=2199).contains(&y) {
        return None;
    }
    let sep = chars.get(j)?.1;
    if !matches!(sep, '-' | '/' | '.' | '年') {
        return None;
    }
    let (m, k) = digits_at(chars, j + 1, 2)?;
    let sep2 = chars.get(k)?.1;
    let ok_sep2 = if sep == '年' {
        sep2 == '月'
    } else {
        sep2 == sep
    };
    if !ok_sep2 {
        return None;
    }
    let (d, mut l) = digits_at(chars, k + 1, 2)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    if chars.get(l).map(|c| c.1) == Some('日') {
        l += 1;
    }
    Some((y, m, d, l))
}

/// `HH:MM` or `HH:MM:SS` after optional spaces.
fn time_after(chars: &[(usize, char)], i: usize) -> (Option<(u32, u32, u32)>, usize) {
    let mut j = i;
    while j < chars.len() && chars[j].1 == ' ' {
        j += 1;
    }
    let Some((h, k)) = digits_at(chars, j, 2) else {
        return (None, i);
    };
    if chars.get(k).map(|c| c.1) != Some(':') {
        return (None, i);
    }
    let Some((mi, l)) = digits_at(chars, k + 1, 2) else {
        return (None, i);
    };
    if l - (k + 1) != 2 || h > 23 || mi > 59 {
        return (None, i);
    }
    if chars.get(l).map(|c| c.1) == Some(':')
        && let Some((s, e)) = digits_at(chars, l + 1, 2)
        && e - (l + 1) == 2
        && s <= 60
    {
        return (Some((h, mi, s)), e);
    }
    (Some((h, mi, 0)), l)
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    // Month names are ASCII: a word not opening with three ASCII letters is
    // none of them (and need not be lower-cased to tell).
    if !w
        .get(..3)
        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return None;
    }
    let w = w.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let pos = MONTHS.iter().position(|m| w.starts_with(m))?;
    let full = crate::text::MONTH_NAMES[pos];
    (full.starts_with(&w) || w == "sept").then_some(pos as u32 + 1)
}

fn worded_date(line: &str) -> Option<FoundDate> {
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let num = |w: &str| w.trim_end_matches([',', '.']).parse::<u32>().ok();
    for i in 0..words.len() {
        let Some(m) = month_of(words[i].1.trim_end_matches(',')) else {
            continue;
        };
        // June 7, 2023
        if let (Some(d), Some(y)) = (
            words.get(i + 1).and_then(|w| num(w.1)),
            words.get(i + 2).and_then(|w| num(w.1)),
        ) && (1..=31).contains(&d)
            && (1900..=2199).contains(&y)
        {
            let end = words[i + 2].0 + words[i + 2].1.trim_end_matches([',', '.']).len();
            return Some(FoundDate {
                iso: format!("{y:04}-{m:02}-{d:02}"),
                matched: line[words[i].0..end].to_string(),
            });
        }
        // 7 June 2023
        if i > 0
            && let (Some(d), Some(y)) =
                (num(words[i - 1].1), words.get(i + 1).and_then(|w| num(w.1)))
            && (1..=31).contains(&d)
            && (1900..=2199).contains(&y)
        {
            let end = words[i + 1].0 + words[i + 1].1.trim_end_matches([',', '.']).len();
            return Some(FoundDate {
                iso: format!("{y:04}-{m:02}-{d:02}"),
                matched: line[words[i - 1].0..end].to_string(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(line: &str) -> (Option<String>, Option<String>) {
        let m = metadata(line).unwrap_or_else(|| panic!("not metadata: {line}"));
        (m.published, m.source)
    }

    #[test]
    fn metadata_shapes() {
        assert_eq!(
            meta("发布时间:2023-06-07 16:36:13 来源:ourjiangsu.com"),
            (
                Some("2023-06-07T16:36:13".into()),
                Some("ourjiangsu.com".into())
            )
        );
        assert_eq!(
            meta("2021年05月28日 13:42:38 | 来源:ourjiangsu.com"),
            (
                Some("2021-05-28T13:42:38".into()),
                Some("ourjiangsu.com".into())
            )
        );
        assert_eq!(
            meta("2024-07-25 | shine.cn"),
            (Some("2024-07-25".into()), Some("shine.cn".into()))
        );
        assert_eq!(
            meta("2025-03-05 | Office of the Mayor, City of North Harbour, English text"),
            (
                Some("2025-03-05".into()),
                Some("Office of the Mayor, City of North Harbour, English text".into())
            )
        );
        // Without the bar a long tail is a sentence, not a source.
        assert!(
            metadata("2025-03-05 the mayor of the city spoke to the council about roads").is_none()
        );
        assert_eq!(
            meta("Published: June 7, 2023 Source: Xinhua"),
            (Some("2023-06-07".into()), Some("Xinhua".into()))
        );
        assert_eq!(
            meta("Updated: 2022/3/9 08:05"),
            (Some("2022-03-09T08:05:00".into()), None)
        );
        assert_eq!(
            meta("Source: China Daily"),
            (None, Some("China Daily".into()))
        );
        assert_eq!(
            meta("来源：新华社  2020.11.02"),
            (Some("2020-11-02".into()), Some("新华社".into()))
        );
    }

    #[test]
    fn sentences_that_mention_dates_are_not_metadata() {
        assert!(
            metadata(
                "On June 7, 2023, leaders of the four regions met in Hefei and adopted a plan."
            )
            .is_none()
        );
        assert!(
            metadata("The plan will run until 2025-12-31 across all provinces of the region.")
                .is_none()
        );
        assert!(metadata("Leaders reached a consensus.").is_none());
    }

    #[test]
    fn header_with_title_and_metadata() {
        let lines = [
            "Delta poised for growth",
            "发布时间:2023-06-07 16:36:13 来源:x.com",
            "",
            "Body.",
        ];
        let h = parse_header(lines);
        assert_eq!(h.title.as_deref(), Some("Delta poised for growth"));
        assert_eq!(h.published.as_deref(), Some("2023-06-07T16:36:13"));
        assert_eq!(h.source.as_deref(), Some("x.com"));
        assert_eq!(h.body_start, 2);
    }

    #[test]
    fn no_headline_when_text_starts_with_a_body_paragraph() {
        let lines = [
            "The two cities will build a new bridge across the river.",
            "They will also open a ferry.",
        ];
        let h = parse_header(lines);
        assert_eq!(h, Header::default());
    }

    #[test]
    fn markdown_headline() {
        let h = parse_header(["# A plan for the coast", "", "Text."]);
        assert_eq!(h.title.as_deref(), Some("A plan for the coast"));
    }

    #[test]
    fn metadata_may_come_before_the_title() {
        let h = parse_header(["2024-07-25 | shine.cn", "Some headline", "Body text here."]);
        assert_eq!(h.published.as_deref(), Some("2024-07-25"));
        assert_eq!(h.title.as_deref(), Some("Some headline"));
        assert_eq!(h.body_start, 2);
    }
}
