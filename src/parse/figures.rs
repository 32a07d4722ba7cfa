//! The quantities and the deadline a commitment names: "around 5 percent",
//! "over 12 million new urban jobs", "by the end of 2025", "within three
//! years". Read from the commitment's own text when asked, not stored: they
//! follow from the text alone (and the statement's year).

use crate::model::{Deadline, Figure, Modifier};

/// Words that scale the number before them.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("trillion", 1e12),
    ("mln", 1e6),
    ("bln", 1e9),
];

/// Words that end a unit: the unit is the noun phrase right after a number.
const UNIT_STOPS: &[&str] = &[
    "a", "an", "the", "and", "or", "by", "in", "of", "to", "for", "from", "with", "on", "at",
    "per", "than", "within", "before", "after", "this", "that", "which", "as", "into", "over",
    "under", "between", "across", "through", "during", "each", "every", "its", "their", "our",
];

/// Month names, which may stand between `by` and a year.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Number words, for deadlines (`within three years`) and figures.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
];

/// A word of the text with its byte span.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Words split at spaces, with leading and trailing punctuation (other than
/// `%`, `$`, `€`, `¥`, `£`) trimmed off.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split(' ') {
        let start = at;
        at += piece.len() + 1;
        let keep = |c: char| c.is_alphanumeric() || "%$€¥£".contains(c);
        let trimmed = piece.trim_start_matches(|c: char| !keep(c));
        let lead = piece.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(|c: char| !keep(c));
        if trimmed.is_empty() {
            continue;
        }
        // A compound led by a number is its words: `10-billion-yuan`,
        // `50-year`.
        let compound = trimmed.starts_with(|c: char| c.is_ascii_digit()) && trimmed.contains('-');
        let mut from = start + lead;
        for part in trimmed.split(|c| compound && c == '-') {
            if !part.is_empty() {
                out.push(Word {
                    text: part,
                    start: from,
                    end: from + part.len(),
                });
            }
            from += part.len() + 1;
        }
    }
    out
}

/// The number a word is (`12`, `20,000`, `5.5`, `$1.44`, `100%`, `three`),
/// with the currency or percent sign it carries.
fn number(word: &str) -> Option<(f64, Option<&'static str>, bool)> {
    let lower = word.to_ascii_lowercase();
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some((v, None, false));
    }
    let (currency, rest) = match word.chars().next()? {
        '$' => (Some("USD"), &word[1..]),
        '€' => (Some("EUR"), &word['€'.len_utf8()..]),
        '¥' => (Some("CNY"), &word['¥'.len_utf8()..]),
        '£' => (Some("GBP"), &word['£'.len_utf8()..]),
        _ => (None, word),
    };
    let (digits, percent) = match rest.strip_suffix('%') {
        Some(d) => (d, true),
        None => (rest, false),
    };
    if !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let value: f64 = digits.replace(',', "").parse().ok()?;
    Some((value, currency, percent))
}

/// A four-digit year from 1900 to 2199.
fn year(word: &str) -> Option<i32> {
    let y: i32 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1900..2200).contains(&y).then_some(y)
}

/// The modifier the words before a number give it, and where it starts.
fn modifier_before(ws: &[Word], i: usize) -> (Modifier, usize) {
    let w = |back: usize| {
        i.checked_sub(back)
            .and_then(|k| ws.get(k))
            .map_or(String::new(), |w| w.text.to_lowercase())
    };
    let (one, two, three) = (w(1), w(2), w(3));
    let three_words = match (three.as_str(), two.as_str(), one.as_str()) {
        ("no" | "not", "more" | "greater", "than") => Some(Modifier::AtMost),
        ("no" | "not", "less" | "fewer", "than") => Some(Modifier::AtLeast),
        ("in", "excess", "of") => Some(Modifier::Over),
        _ => None,
    };
    if let Some(m) = three_words {
        return (m, i - 3);
    }
    let two_words = match (two.as_str(), one.as_str()) {
        ("more" | "greater", "than") => Some(Modifier::Over),
        ("less" | "fewer", "than") => Some(Modifier::AtMost),
        ("at", "least") => Some(Modifier::AtLeast),
        ("at", "most") => Some(Modifier::AtMost),
        ("up", "to") => Some(Modifier::UpTo),
        _ => None,
    };
    if let Some(m) = two_words {
        return (m, i - 2);
    }
    let one_word = match one.as_str() {
        "around" | "about" | "approximately" | "roughly" | "some" | "nearly" | "almost" => {
            Some(Modifier::Around)
        }
        "over" | "above" | "exceeding" | "beyond" => Some(Modifier::Over),
        "under" | "below" => Some(Modifier::AtMost),
        "between" | "from" => Some(Modifier::Range),
        _ => None,
    };
    match one_word {
        Some(m) => (m, i - 1),
        None => (Modifier::Exact, i),
    }
}

/// The figures of a commitment's text, in order.
pub fn figures(text: &str) -> Vec<Figure> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((mut value, currency, percent)) = number(ws[i].text) else {
            i += 1;
            continue;
        };
        // A year is a date, and a number word alone (`one of`, `two
        // provinces`) is prose unless a unit of measure follows.
        let is_word = ws[i].text.chars().all(char::is_alphabetic);
        if year(ws[i].text).is_some() && currency.is_none() && !percent {
            i += 1;
            continue;
        }
        // `within three years`, `over the next two years`: a deadline's
        // span, which `deadline` reads, not a quantity.
        let before = |k: usize| {
            i.checked_sub(k)
                .map_or(String::new(), |j| ws[j].text.to_lowercase())
        };
        let period = ws.get(i + 1).is_some_and(|w| {
            matches!(
                w.text.to_lowercase().trim_end_matches(['\'', '’']),
                "year" | "years" | "month" | "months"
            )
        });
        if period && (before(1) == "within" || before(1) == "next") {
            i += 2;
            continue;
        }
        let (mut modifier, mut from) = modifier_before(&ws, i);
        let mut end = i + 1;
        // `5 to 6 percent`, `5-6 percent`, `between 5 and 6`.
        if matches!(ws.get(end).map(|w| w.text), Some("to" | "and"))
            && ws.get(end + 1).and_then(|w| number(w.text)).is_some()
            && (modifier == Modifier::Range || ws[end].text == "to")
        {
            modifier = Modifier::Range;
            end += 2;
        } else if modifier == Modifier::Range {
            // `from 200 companies`: a source, not a range.
            modifier = Modifier::Exact;
            from = i;
        }
        if let Some(&(_, scale)) = ws
            .get(end)
            .and_then(|w| SCALES.iter().find(|(s, _)| w.text.eq_ignore_ascii_case(s)))
        {
            value *= scale;
            end += 1;
        }
        let mut unit = currency.map(str::to_string);
        if percent {
            unit = Some("percent".to_string());
        }
        if unit.is_none() {
            let next = ws.get(end).map(|w| w.text.to_lowercase());
            match next.as_deref() {
                Some("percent" | "per" | "%") => {
                    let cent = next.as_deref() == Some("per")
                        && ws
                            .get(end + 1)
                            .is_some_and(|w| w.text.eq_ignore_ascii_case("cent"));
                    if next.as_deref() != Some("per") || cent {
                        unit = Some("percent".to_string());
                        end += if cent { 2 } else { 1 };
                    }
                }
                _ => {
                    // The noun phrase after the number, up to four words.
                    let first = end;
                    while end < ws.len()
                        && end - first < 4
                        && !UNIT_STOPS.contains(&ws[end].text.to_lowercase().as_str())
                        && number(ws[end].text).is_none()
                        && ws[end].text.chars().any(char::is_alphabetic)
                    {
                        // A comma or other punctuation after a word ends the unit.
                        let ends_here = text[ws[end].end..].starts_with([',', ';', ':', ')', '.']);
                        end += 1;
                        if ends_here {
                            break;
                        }
                    }
                    if end > first {
                        let from = ws[first].start;
                        unit = Some(text[from..ws[end - 1].end].to_string());
                    }
                }
            }
        }
        if is_word && unit.is_none() {
            i += 1;
            continue;
        }
        let start = ws[from].start;
        let stop = ws[end - 1].end;
        out.push(Figure {
            text: text[start..stop].to_string(),
            value,
            unit: unit.unwrap_or_default(),
            modifier,
        });
        i = end;
    }
    out
}

/// The deadline a commitment's text names, if any: `by 2025`, `by the end
/// of 2024`, `before 2030`, `in 2024`, `within three years`, `this year`,
/// `next year` (a relative one counted from `statement_year` when the
/// statement is dated).
pub fn deadline(text: &str, statement_year: Option<i32>) -> Option<Deadline> {
    let ws = words(text);
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let at = |k: usize| lower.get(k).map_or("", String::as_str);
    for i in 0..ws.len() {
        let span = |to: usize| text[ws[i].start..ws[to].end].to_string();
        if matches!(at(i), "by" | "before" | "until" | "in" | "through") {
            // `by 2025`, `by the end of 2025`, `by end-2025`.
            let mut k = i + 1;
            if at(k) == "the" && matches!(at(k + 1), "end" | "close") && at(k + 2) == "of" {
                k += 3;
            } else if matches!(at(k), "end" | "mid") && at(k + 1) == "of" {
                k += 2;
            }
            // `by April 2026`, `before the end of June 2026`.
            if MONTHS.contains(&at(k)) {
                k += 1;
            }
            let y = ws
                .get(k)
                .and_then(|w| year(w.text.trim_start_matches("end-").trim_start_matches("mid-")));
            // `in 2024` dates the commitment only at the end of a phrase,
            // not in `in 2020 prices`.
            let in_a_phrase =
                at(i) == "in" && ws.get(k + 1).is_some() && !matches!(at(k + 1), "and" | "or");
            if let Some(y) = y
                && !in_a_phrase
            {
                return Some(Deadline {
                    text: span(k),
                    year: Some(y),
                });
            }
        }
        if matches!(at(i), "this" | "next") && at(i + 1) == "year" {
            // `this year`, `next year`: the statement's year, or the one after.
            let ahead = i32::from(at(i) == "next");
            return Some(Deadline {
                text: span(i + 1),
                year: statement_year.map(|y| y + ahead),
            });
        }
        if matches!(at(i), "within" | "in") {
            // `within three years`, `in two years' time`.
            let n = ws
                .get(i + 1)
                .and_then(|w| number(w.text))
                .map(|(v, _, _)| v);
            let unit = at(i + 2).trim_end_matches(['\'', '’']);
            if let Some(n) = n
                && matches!(unit, "year" | "years" | "month" | "months")
            {
                let whole_years = if unit.starts_with("year") {
                    n
                } else {
                    (n / 12.0).ceil()
                };
                return Some(Deadline {
                    text: span(i + 2),
                    year: statement_year
                        .filter(|_| whole_years.fract() == 0.0 && whole_years < 100.0)
                        .map(|y| y + whole_years as i32),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(String, f64, String, Modifier)> {
        figures(text)
            .into_iter()
            .map(|f| (f.text, f.value, f.unit, f.modifier))
            .collect()
    }

    #[test]
    fn compounds_led_by_a_number_are_figures() {
        let v = |t: &str| figures(t).iter().map(|f| f.value).collect::<Vec<_>>();
        assert_eq!(v("set up a 10-billion-yuan fund"), [10e9]);
        assert_eq!(v("after a 50-year storm"), [50.0]);
        assert_eq!(v("fight COVID-19 together"), Vec::<f64>::new());
        assert_eq!(v("train 500 wardens within three years"), [500.0]);
        assert_eq!(v("over the next two years"), Vec::<f64>::new());
    }

    #[test]
    fn figures_with_their_units_and_modifiers() {
        assert_eq!(
            figs("keep GDP growth at around 5 percent"),
            [(
                "around 5 percent".into(),
                5.0,
                "percent".into(),
                Modifier::Around
            )]
        );
        assert_eq!(
            figs("create over 12 million new urban jobs"),
            [(
                "over 12 million new urban jobs".into(),
                12e6,
                "new urban jobs".into(),
                Modifier::Over
            )]
        );
        assert_eq!(
            figs("add 200 new nursing positions by 2026"),
            [(
                "200 new nursing positions".into(),
                200.0,
                "new nursing positions".into(),
                Modifier::Exact
            )]
        );
        let money = figs("invest 10 billion yuan ($1.44 billion) in ports");
        assert_eq!(
            money[0],
            (
                "10 billion yuan".into(),
                1e10,
                "yuan".into(),
                Modifier::Exact
            )
        );
        assert_eq!(
            money[1],
            (
                "$1.44 billion".into(),
                1.44e9,
                "USD".into(),
                Modifier::Exact
            )
        );
        assert_eq!(
            figs("make packaging 100% recyclable"),
            [("100%".into(), 100.0, "percent".into(), Modifier::Exact)]
        );
        assert_eq!(
            figs("at least 30 per cent of the budget")[0].3,
            Modifier::AtLeast
        );
        assert_eq!(
            figs("no more than two hours of flooding")[0].3,
            Modifier::AtMost
        );
        assert_eq!(figs("up to 500 staff")[0].3, Modifier::UpTo);
        let range = figs("grow by 5 to 6 percent");
        assert_eq!(
            (range[0].2.as_str(), range[0].3),
            ("percent", Modifier::Range)
        );
        // A year is a deadline, not a figure; prose has none.
        assert!(figs("build the port by 2025").is_empty());
        assert!(figs("deepen cooperation with our neighbours").is_empty());
    }

    #[test]
    fn deadlines_name_their_year() {
        let d = |t: &str, y| deadline(t, y).map(|d| (d.text, d.year));
        assert_eq!(
            d("build the port by 2025", None),
            Some(("by 2025".into(), Some(2025)))
        );
        assert_eq!(
            d("open it by the end of 2024", None),
            Some(("by the end of 2024".into(), Some(2024)))
        );
        assert_eq!(
            d("end coal before 2030", None),
            Some(("before 2030".into(), Some(2030)))
        );
        assert_eq!(
            d("launch the platform next year", Some(2024)),
            Some(("next year".into(), Some(2025)))
        );
        assert_eq!(
            d("finish the survey this year", Some(2024)),
            Some(("this year".into(), Some(2024)))
        );
        assert_eq!(
            d("finish the survey this year", None),
            Some(("this year".into(), None))
        );
        assert_eq!(
            d("set up a fund by April 2026", None),
            Some(("by April 2026".into(), Some(2026)))
        );
        assert_eq!(
            d("clear all arrears before the end of June 2026", None),
            Some(("before the end of June 2026".into(), Some(2026)))
        );
        assert_eq!(
            d("set up a task force by mid-2026", None),
            Some(("by mid-2026".into(), Some(2026)))
        );
        assert_eq!(
            d("designate a contact point within three months", Some(2024)),
            Some(("within three months".into(), Some(2025)))
        );
        assert_eq!(
            d("finish the line within three years", Some(2024)),
            Some(("within three years".into(), Some(2027)))
        );
        assert_eq!(
            d("finish the line within three years", None),
            Some(("within three years".into(), None))
        );
        assert_eq!(
            d("hold a fair in 2024", None),
            Some(("in 2024".into(), Some(2024)))
        );
        assert_eq!(d("deepen cooperation", None), None);
        assert_eq!(d("measured in 2020 prices", None), None);
    }
}
