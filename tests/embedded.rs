//! The embedded Yangtze River Delta statement, parsed: header, paragraphs and
//! the whole pinned list of commitments.

use deltascope::model::{Document, EntityKind};
use deltascope::parse;
use deltascope::taxonomy::Taxonomy;

fn doc() -> Document {
    parse::embedded(&Taxonomy::embedded())
}

const OWN: &str = "Jiangsu, Zhejiang, Shanghai and Anhui";

/// (paragraph, modality, text) of every commitment, in order.
const PINNED: &[(usize, &str, &str)] = &[
    (
        8,
        "will",
        "resolutely implement General Secretary Xi Jinping’s important instructions and the decision-making and deployment of the Party Central Committee",
    ),
    (
        8,
        "will",
        "efficiently coordinate epidemic prevention and control and economic and social development",
    ),
    (
        8,
        "will",
        "consolidate and optimize the joint prevention and control mechanism of the epidemic in the Yangtze River Delta",
    ),
    (
        8,
        "will",
        "continue to strengthen the information exchange and interconnection in the Yangtze River Delta region and the response to major epidemics",
    ),
    (
        8,
        "will",
        "jointly promote the construction of the emergency response system for major public health emergencies in the Yangtze River Delta region",
    ),
    (
        8,
        "will",
        "accelerate innovation-oriented breakthroughs in vaccines and drugs",
    ),
    (9, "must", "enhance international competitiveness"),
    (
        9,
        "must",
        "promote high-level scientific and technological self-reliance and coordinated industrial development",
    ),
    (
        9,
        "must",
        "accelerate the construction of comprehensive national science centers in Zhangjiang of Shanghai and Hefei of Anhui",
    ),
    (
        9,
        "must",
        "promote the opening and coordination of national laboratories",
    ),
    (
        9,
        "must",
        "strengthen national strategic scientific and technological strength",
    ),
    (
        9,
        "must",
        "launch the joint research plan of the Yangtze River Delta Science and Technology Innovation Community",
    ),
    (
        9,
        "must",
        "jointly promote the construction of new R&D institutions such as the National Technology Innovation Center in the Yangtze River Delta",
    ),
    (
        10,
        "will",
        "speed up the demonstration and application of major technological innovation breakthroughs",
    ),
    (
        10,
        "will",
        "solidly promote the construction of the G60 Science and Technology Innovation Corridor and the industrial innovation belt along the Shanghai-Nanjing route",
    ),
    (10, "will", "jointly advance key core technologies"),
    (
        10,
        "will",
        "strengthen the coordinated layout of strategic frontier areas",
    ),
    (10, "will", "implement major projects"),
    (10, "will", "give full play to their comparative advantages"),
    (
        10,
        "will",
        "seize the commanding heights of future development",
    ),
    (
        11,
        "will",
        "accelerate the promotion of industrial chain reinforcement actions",
    ),
    (
        11,
        "will",
        "deepen and improve the cross-regional coordination mechanism of the industrial chain and supply chain",
    ),
    (
        11,
        "will",
        "jointly create a strategic emerging industry cluster with international competitiveness",
    ),
    (12, "must", "start with major projects"),
    (
        12,
        "must",
        "continue to improve the level of regional infrastructure services",
    ),
    (
        12,
        "must",
        "promote the construction of several major rail transit projects",
    ),
    (
        12,
        "must",
        "explore the integrated operation and management mode of cross-regional intercity railways",
    ),
    (
        12,
        "must",
        "build world-class port clusters and airport clusters",
    ),
    (
        12,
        "must",
        "continuously improve the accessibility of inter-provincial highways",
    ),
    (
        12,
        "must",
        "build a regional intelligent transportation demonstration network",
    ),
    (
        13,
        "will",
        "promote the layout of new digital infrastructure and joint innovative applications including 5G, industrial Internet, and data centers with high standards",
    ),
    (
        13,
        "will",
        "start the construction of national hub nodes in the Yangtze River Delta, a national integrated computing power network",
    ),
    (
        13,
        "will",
        "accelerate the cultivation of regional data element markets",
    ),
    (
        14,
        "will",
        "go all out to continuously optimize the business environment",
    ),
    (
        14,
        "will",
        "create a new highland for reform and opening up",
    ),
    (
        14,
        "will",
        "speed up the construction of regional market integration",
    ),
    (
        14,
        "will",
        "promote the smooth flow of commodity elements and resources on a larger scale",
    ),
    (
        14,
        "will",
        "jointly build a high-level Hongqiao International Open Hub",
    ),
    (
        14,
        "will",
        "jointly organize the fifth China International Import Expo",
    ),
    (
        15,
        "will",
        "deepen institutional innovation and industrial development cooperation by relying on the Yangtze River Delta Pilot Free Trade Zone Alliance",
    ),
    (
        16,
        "will",
        "make greater efforts to implement the concept of green development",
    ),
    (
        16,
        "will",
        "jointly build a green and beautiful Yangtze River Delta",
    ),
    (
        16,
        "will",
        "strengthen the ecological protection of the Yangtze River and a new round of comprehensive cleanup of the Taihu Lake water environment",
    ),
    (
        16,
        "will",
        "continue to work together to carry out the ten-year fishing ban in the Yangtze River",
    ),
    (
        16,
        "will",
        "jointly explore the inter-provincial ecological protection compensation mechanism in the Taihu Lake Basin",
    ),
    (
        16,
        "will",
        "further improve the ecological environment information sharing mechanism in the Yangtze River Delta",
    ),
    (
        17,
        "will",
        "continue to promote the co-construction, sharing and facilitation of public services",
    ),
    (
        17,
        "will",
        "strive to build a happy and harmonious Yangtze River Delta",
    ),
    (17, "will", "promote the integration of medical insurance"),
    (17, "will", "unify the cross-regional drug catalog"),
    (17, "will", "continue to improve government services"),
    (17, "will", "deepen the development of digital scenarios"),
    (
        18,
        "will",
        "form more development highlights and institutional innovation achievements by focusing on key areas and key links, and carrying out more systematic and integrated reform exploration",
    ),
    // Paragraph 19, "The 2024 … Symposium will be held in Anhui", dates an
    // event and promises nothing: no longer listed.
];

#[test]
fn embedded_text_is_the_seed_byte_for_byte() {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/yangtze-river-delta-2023.txt"
    ));
    // The seed lives outside the repository; where it is present it must match.
    if let Ok(seed) = seed {
        assert_eq!(seed, parse::EMBEDDED_TEXT.as_bytes());
    }
}

#[test]
fn header() {
    let d = doc();
    assert_eq!(
        d.title,
        "Yangtze River Delta poised for further integrated development"
    );
    assert_eq!(d.published.as_deref(), Some("2023-06-07T16:36:13"));
    assert_eq!(d.source.as_deref(), Some("ourjiangsu.com"));
    assert_eq!(d.path, None);
}

#[test]
fn paragraphs_are_numbered_from_one_and_cleaned() {
    let d = doc();
    assert_eq!(d.paragraphs.len(), 19);
    for (i, p) in d.iter_paragraphs().enumerate() {
        assert_eq!(p.id, i + 1);
        assert!(!p.themes.is_empty());
        assert!(!p.sentences.is_empty());
    }
    assert!(
        d.paragraphs
            .text(0)
            .unwrap_or_default()
            .starts_with("Leaders of the four provincial-level regions")
    );
    assert!(
        d.paragraphs
            .text(2)
            .unwrap_or_default()
            .contains("people's well-being"),
        "straight quote as apostrophe"
    );
    assert!(
        d.paragraphs
            .text(18)
            .unwrap_or_default()
            .starts_with("The 2024 Yangtze River Delta Leadership Symposium")
    );
}

#[test]
fn the_whole_commitment_list() {
    let d = doc();
    let got: Vec<(usize, &str, &str)> = d
        .commitments
        .iter()
        .map(|c| (c.paragraph, c.modality.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(got, PINNED);
    let in_8_to_18 = d
        .commitments
        .iter()
        .filter(|c| (8..=18).contains(&c.paragraph))
        .count();
    assert_eq!(in_8_to_18, 53);
    // Context paragraphs commit to nothing.
    assert!(d.commitments.iter().all(|c| c.paragraph >= 8));
}

#[test]
fn paragraph_eleven_gives_exactly_three() {
    let d = doc();
    let texts: Vec<&str> = d
        .commitments
        .iter()
        .filter(|c| c.paragraph == 11)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "accelerate the promotion of industrial chain reinforcement actions",
            "deepen and improve the cross-regional coordination mechanism of the industrial chain and supply chain",
            "jointly create a strategic emerging industry cluster with international competitiveness",
        ]
    );
}

#[test]
fn spans_ids_and_links_are_consistent() {
    let d = doc();
    for (i, c) in d.commitments.iter().enumerate() {
        assert_eq!(c.id, i + 1);
        let p = d.paragraph(c.paragraph).expect("paragraph");
        assert_eq!(&p.text[c.span.start..c.span.end], c.text);
        assert!(p.commitments.iter().any(|k| k.id == c.id));
        let (sentence, local) = d.sentence_of(c).expect("sentence");
        assert_eq!(&sentence[local.start..local.end], c.text);
        assert!(!c.themes.is_empty());
        assert!(
            !c.text.contains("the statement"),
            "attribution leaked: {}",
            c.text
        );
        for t in &c.themes {
            assert!(
                d.themes
                    .iter()
                    .find(|s| &s.id == t)
                    .expect("theme")
                    .commitments
                    .contains(&c.id)
            );
        }
    }
}

#[test]
fn actors() {
    let d = doc();
    let actor = |p: usize| {
        d.commitments
            .iter()
            .find(|c| c.paragraph == p)
            .map(|c| c.actor.as_str())
    };
    assert_eq!(actor(8), Some(OWN));
    // "Efforts must be made to …": the statement's own actors.
    assert_eq!(actor(9), Some(OWN));
    assert_eq!(
        actor(12),
        Some("The integrated development of the Yangtze River Delta")
    );
    assert_eq!(actor(13), Some("The four provincial-level regions"));
    assert_eq!(actor(14), Some("The Yangtze River Delta"));
    // "Driven by …, Jiangsu, … will": the introductory phrase is not the actor.
    assert_eq!(actor(18), Some(OWN));
}

#[test]
fn themes_of_key_commitments() {
    let d = doc();
    let primary = |needle: &str| {
        d.commitments
            .iter()
            .find(|c| c.text.contains(needle))
            .map(|c| c.themes[0].as_str())
    };
    assert_eq!(primary("vaccines"), Some("public-health"));
    assert_eq!(primary("fishing ban"), Some("green"));
    assert_eq!(primary("port clusters"), Some("transport"));
    assert_eq!(primary("computing power"), Some("digital"));
    assert_eq!(primary("Hongqiao"), Some("opening-up"));
    assert_eq!(primary("medical insurance"), Some("public-services"));
    assert_eq!(primary("national laboratories"), Some("innovation"));
    assert_eq!(primary("industrial chain reinforcement"), Some("industry"));
    let ids: Vec<&str> = d.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 13);
}

#[test]
fn entities() {
    let d = doc();
    let entity = |name: &str| d.entities.iter().find(|e| e.name == name);
    for (name, kind) in [
        ("Taihu Lake", EntityKind::Place),
        (
            "G60 Science and Technology Innovation Corridor",
            EntityKind::Programme,
        ),
        ("Hongqiao International Open Hub", EntityKind::Programme),
        ("Zhangjiang", EntityKind::Place),
        ("China International Import Expo", EntityKind::Event),
        ("5G", EntityKind::Code),
        ("Xi Jinping", EntityKind::Person),
    ] {
        let e = entity(name).unwrap_or_else(|| panic!("missing entity {name}"));
        assert_eq!(e.kind, kind, "{name}");
        assert!(e.mentions >= 1);
    }
    let g60 = entity("G60 Science and Technology Innovation Corridor").expect("g60");
    assert_eq!(g60.commitments.len(), 1);
    let c = d.commitment(g60.commitments[0]).expect("commitment");
    assert!(c.text.contains("G60"));
    assert!(c.entities.contains(&g60.name));
    // Sentence-opening words and weekdays are not names.
    for not in [
        "Efforts",
        "Monday",
        "Leaders",
        "Promoting",
        "Internet",
        "The",
    ] {
        assert!(entity(not).is_none(), "{not}");
    }
}
