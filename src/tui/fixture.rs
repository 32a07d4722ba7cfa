//! Small hand-made documents for the explorer's tests, built from passages of
//! the seed statement with spans computed from the text, not typed in.

use crate::model::{
    Commitment, Document, Entity, EntityKind, Paragraphs, Span, ThemeLists, ThemeSummary,
};

pub const TITLE: &str = "Yangtze River Delta poised for further integrated development";
pub const ACTOR: &str = "Jiangsu, Zhejiang, Shanghai and Anhui";

const PARAGRAPHS: [&str; 5] = [
    "Leaders of the four provincial-level regions in the Yangtze River Delta reached a consensus on the further promotion of green and integrated development in the delta region at a symposium held Monday and Tuesday in Hefei city, capital of east China’s Anhui Province.",
    "Efforts will be made to speed up the demonstration and application of major technological innovation breakthroughs, solidly promote the construction of the G60 Science and Technology Innovation Corridor and the industrial innovation belt along the Shanghai-Nanjing route, jointly advance key core technologies, the statement said.",
    "Jiangsu, Zhejiang, Shanghai and Anhui will strengthen the ecological protection of the Yangtze River and a new round of comprehensive cleanup of the Taihu Lake water environment. They will jointly explore the inter-provincial ecological protection compensation mechanism in the Taihu Lake Basin, the statement said.",
    "The integrated development of the Yangtze River Delta must start with major projects, promote the construction of several major rail transit projects, and build world-class port clusters and airport clusters, said the statement.",
    "The 2024 Yangtze River Delta Leadership Symposium will be held in Anhui.",
];

/// (paragraph index, commitment text, actor, modality, theme ids, entities)
type Spec = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const COMMITMENTS: [Spec; 7] = [
    (
        1,
        "speed up the demonstration and application of major technological innovation breakthroughs",
        "the four provincial-level regions",
        "will",
        &["innovation"],
        &[],
    ),
    (
        1,
        "solidly promote the construction of the G60 Science and Technology Innovation Corridor and the industrial innovation belt along the Shanghai-Nanjing route",
        "the four provincial-level regions",
        "will",
        &["innovation", "transport"],
        &["G60 Science and Technology Innovation Corridor"],
    ),
    (
        1,
        "jointly advance key core technologies",
        "the four provincial-level regions",
        "will",
        &["innovation"],
        &[],
    ),
    (
        2,
        "strengthen the ecological protection of the Yangtze River and a new round of comprehensive cleanup of the Taihu Lake water environment",
        ACTOR,
        "will",
        &["ecology"],
        &["Yangtze River", "Taihu Lake"],
    ),
    (
        2,
        "jointly explore the inter-provincial ecological protection compensation mechanism in the Taihu Lake Basin",
        ACTOR,
        "will",
        &["ecology"],
        &["Taihu Lake"],
    ),
    (
        3,
        "promote the construction of several major rail transit projects",
        "the Yangtze River Delta",
        "must",
        &["transport"],
        &[],
    ),
    (
        3,
        "build world-class port clusters and airport clusters",
        "the Yangtze River Delta",
        "must",
        &["transport"],
        &[],
    ),
];

/// Sentence spans: a sentence ends after `. ` or at the end.
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        out.push(Span::new(start, i + 1));
        start = i + 2;
    }
    out.push(Span::new(start, text.len()));
    out
}

pub fn doc() -> Document {
    let mut paragraphs = Paragraphs::default();
    let mut lists = ThemeLists::default();
    for (i, t) in PARAGRAPHS.iter().enumerate() {
        paragraphs.push(t, sentences(t));
        paragraphs.set_themes(i, vec!["guidance".into()], &mut lists);
    }
    let mut commitments = Vec::new();
    // Listed in reading order, as a document holds them.
    for (k, (p, text, actor, modality, themes, entities)) in COMMITMENTS.iter().enumerate() {
        let start = PARAGRAPHS[*p]
            .find(text)
            .expect("fixture commitment text is in its paragraph");
        let span = Span::new(start, start + text.len());
        let sentence = sentences(PARAGRAPHS[*p])
            .iter()
            .position(|s| s.contains(span))
            .expect("in a sentence");
        paragraphs.set_themes(*p, vec![themes[0].to_string()], &mut lists);
        commitments.push(Commitment {
            id: k + 1,
            paragraph: p + 1,
            sentence,
            actor: actor.to_string(),
            modality: modality.to_string(),
            text: text.to_string(),
            span,
            themes: themes.iter().map(|t| t.to_string()).collect(),
            entities: entities.iter().map(|e| e.to_string()).collect(),
        });
    }
    let theme = |id: &str, name: &str| ThemeSummary {
        id: id.into(),
        name: name.into(),
        commitments: commitments
            .iter()
            .filter(|c: &&Commitment| c.themes.iter().any(|t| t == id))
            .map(|c| c.id)
            .collect(),
    };
    let themes = vec![
        theme("innovation", "Science & technology"),
        theme("ecology", "Ecology & environment"),
        theme("transport", "Transport & infrastructure"),
    ];
    let entity = |name: &str, kind| Entity {
        name: name.into(),
        kind,
        mentions: PARAGRAPHS.iter().map(|p| p.matches(name).count()).sum(),
        commitments: commitments
            .iter()
            .filter(|c: &&Commitment| c.entities.iter().any(|e| e == name))
            .map(|c| c.id)
            .collect(),
    };
    let entities = vec![
        entity(
            "G60 Science and Technology Innovation Corridor",
            EntityKind::Programme,
        ),
        entity("Taihu Lake", EntityKind::Place),
        entity("Yangtze River", EntityKind::Place),
        entity("Hefei", EntityKind::Place),
    ];
    Document {
        title: TITLE.into(),
        published: Some("2023-06-07T16:36:13".into()),
        source: Some("ourjiangsu.com".into()),
        path: None,
        paragraphs,
        themes,
        commitments,
        entities,
    }
}

/// A second, smaller document whose title carries control characters and
/// wide characters, to check neither reaches the terminal raw.
pub fn second() -> Document {
    let text = "发布时间:2023-06-07 来源:ourjiangsu.com. The four provinces will jointly organize the fifth China International Import Expo.";
    let needle = "jointly organize the fifth China International Import Expo";
    let start = text.find(needle).expect("needle in text");
    let span = Span::new(start, start + needle.len());
    let sents = sentences(text);
    let sentence = sents
        .iter()
        .position(|s| s.contains(span))
        .expect("in a sentence");
    Document {
        title: "Second\u{1b}[2J statement\tnotes".into(),
        published: Some("2023-06-08".into()),
        source: None,
        path: Some("second.txt".into()),
        paragraphs: {
            let mut p = Paragraphs::default();
            p.push(text, sents);
            p.set_themes(0, vec!["opening".into()], &mut ThemeLists::default());
            p
        },
        themes: vec![ThemeSummary {
            id: "opening".into(),
            name: "Opening up".into(),
            commitments: vec![1],
        }],
        commitments: vec![Commitment {
            id: 1,
            paragraph: 1,
            sentence,
            actor: "The four provinces".into(),
            modality: "will".into(),
            text: needle.into(),
            span,
            themes: vec!["opening".into()],
            entities: vec!["China International Import Expo".into()],
        }],
        entities: vec![Entity {
            name: "China International Import Expo".into(),
            kind: EntityKind::Event,
            mentions: 1,
            commitments: vec![1],
        }],
    }
}
