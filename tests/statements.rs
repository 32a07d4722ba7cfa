//! Statements of other shapes than the embedded one: passives, no header,
//! CRLF with a BOM and an escape sequence, Markdown lists, hard-wrapped lines.

use deltascope::model::Document;
use deltascope::parse;
use deltascope::taxonomy::Taxonomy;

fn load(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let text = String::from_utf8(bytes).expect("utf-8 fixture");
    parse::parse(&text, Some(&path), &Taxonomy::embedded())
}

fn texts(d: &Document) -> Vec<&str> {
    d.commitments.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn passive_commitments_and_efforts() {
    let d = load("passive-plan.txt");
    assert_eq!(d.title, "Pearl River cities unveil green transport plan");
    assert_eq!(d.published.as_deref(), Some("2024-07-25"));
    assert_eq!(d.source.as_deref(), Some("shine.cn"));
    assert_eq!(
        texts(&d),
        [
            "Two data center clusters will be established in the western districts by 2026",
            "A cross-city carbon trading platform shall be launched next year",
            "a joint fund for electric buses will be set up",
            "double the length of protected cycle lanes",
            "retire diesel ferries on the Pearl River",
            "publish monthly air quality data",
        ]
    );
    let modalities: Vec<&str> = d.commitments.iter().map(|c| c.modality.as_str()).collect();
    assert_eq!(
        modalities,
        ["will", "shall", "will", "will", "will", "must"]
    );
    // Passives and "Efforts will be made" belong to the statement's own actors.
    assert!(d.commitments.iter().all(|c| c.actor == "The three cities"));
    // Background paragraphs commit to nothing.
    assert!(d.commitments.iter().all(|c| ![1, 6].contains(&c.paragraph)));
}

#[test]
fn no_header_takes_the_file_name() {
    let d = load("no-header.txt");
    assert_eq!(d.title, "no-header");
    assert_eq!(d.published, None);
    assert_eq!(d.paragraphs.len(), 3);
    assert_eq!(
        texts(&d),
        [
            "jointly fund a new vaccine research center in Wuhan",
            // A quantity after `and` + verb opens a second action.
            "train 500 rural doctors each year",
            "share epidemic surveillance data within 24 hours",
            "report new outbreaks to the National Health Commission",
        ]
    );
    assert_eq!(d.commitments[2].modality, "agreed to");
    // "They also agreed to …" refers back to the ministries.
    assert_eq!(d.commitments[2].actor, "The two ministries");
    assert_eq!(d.commitments[3].modality, "should");
    assert_eq!(d.commitments[3].actor, "the provinces");
    assert_eq!(d.commitments[0].themes[0], "public-health");
}

#[test]
fn crlf_bom_and_escape_sequences() {
    let d = load("crlf-bom.txt");
    assert_eq!(d.title, "North-East revitalisation statement");
    assert_eq!(d.published.as_deref(), Some("2022-03-03"));
    assert_eq!(d.source.as_deref(), Some("Xinhua"));
    for p in d.iter_paragraphs() {
        assert!(
            !p.text.contains(['\r', '\u{1b}', '\u{feff}']),
            "{:?}",
            p.text
        );
    }
    assert!(!d.title.contains('\u{feff}'));
    assert_eq!(
        texts(&d),
        [
            "upgrade the Harbin-Dalian rail line",
            "expand grain storage",
            "jointly promote ice and snow tourism",
            "not relax controls on farmland conversion",
        ]
    );
    assert_eq!(d.commitments[0].actor, "Liaoning, Jilin and Heilongjiang");
}

#[test]
fn markdown_list_of_directives() {
    let d = load("directives.md");
    assert_eq!(
        d.title,
        "Action plan for the Chengdu-Chongqing economic circle"
    );
    assert_eq!(d.published.as_deref(), Some("2021-10-20"));
    assert_eq!(
        texts(&d),
        [
            "Build a world-class airport cluster",
            "expand the Chengdu-Chongqing high-speed railway",
            "Strengthen joint research on new energy vehicles",
            "Open a shared business registration service for enterprises in both cities",
        ]
    );
    assert!(d.commitments.iter().all(|c| c.modality == "directive"));
    // A list item that is a heading is not an action; list verbs are not names.
    assert!(
        d.entities
            .iter()
            .all(|e| !["Build", "Strengthen", "Key"].contains(&e.name.as_str()))
    );
}

#[test]
fn hard_wrapped_lines_and_quoted_speech() {
    let d = load("wrapped.txt");
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(
        texts(&d),
        [
            "restore wetlands along the Dongting Lake shore",
            "ban sand mining in the main channel",
            "jointly monitor water quality at 40 border sections",
            "never trade the environment for short-term growth",
        ]
    );
    assert_eq!(d.commitments[0].actor, "Hubei and Hunan");
    assert_eq!(d.commitments[3].actor, "We");
    assert!(
        d.entities
            .iter()
            .any(|e| e.name == "Dongting Lake" && e.commitments == [1])
    );
}

#[test]
fn every_span_is_exact_in_every_fixture() {
    for name in [
        "passive-plan.txt",
        "no-header.txt",
        "crlf-bom.txt",
        "directives.md",
        "wrapped.txt",
    ] {
        let d = load(name);
        for c in &d.commitments {
            let p = d.paragraph(c.paragraph).expect("paragraph");
            assert_eq!(&p.text[c.span.start..c.span.end], c.text, "{name}");
            assert!(!c.themes.is_empty());
        }
    }
}

#[test]
fn degenerate_texts_do_not_panic() {
    let tax = Taxonomy::embedded();
    for text in [
        "",
        "\n\n",
        "will",
        "They will.",
        "., ; :",
        "Will will will will.",
        "a\u{0}b",
        "日本語のテキスト。",
        "1.",
        "(",
        "\"",
        "’s",
    ] {
        let d = parse::parse(text, Some("x.txt"), &tax);
        for c in &d.commitments {
            let p = d.paragraph(c.paragraph).expect("paragraph");
            assert_eq!(&p.text[c.span.start..c.span.end], c.text);
        }
    }
}

#[test]
fn bilateral_joint_statement() {
    let d = load("bilateral.txt");
    assert_eq!(
        d.title,
        "China, Kazakhstan pledge closer cooperation in energy and transport"
    );
    assert_eq!(d.published.as_deref(), Some("2023-05-18T20:11:00"));
    assert_eq!(d.source.as_deref(), Some("Xinhua"));
    assert_eq!(
        texts(&d),
        [
            "further expand bilateral trade",
            "optimize its structure",
            "promote the upgrading of the China-Kazakhstan Free Trade Agreement negotiations",
            "strengthen cooperation in oil and gas",
            "support their companies in building new pipelines",
            "jointly safeguard the safety of cross-border energy infrastructure",
            "A new logistics hub will be built at the Khorgos border crossing",
            "customs procedures will be simplified",
            "step up people-to-people exchanges",
            "open more cultural centers",
            "increase the number of direct flights between the two countries",
            "launch 30 new projects in renewable energy by 2030",
        ]
    );
    // A forecast ("is expected to") and a position ("reiterated that it supports") are not promises.
    assert!(d.commitments.iter().all(|c| ![1, 5].contains(&c.paragraph)));
    assert_eq!(d.commitments[0].modality, "agreed to");
    assert_eq!(d.commitments[11].modality, "plan to");
    assert_eq!(d.commitments[11].actor, "the two countries");
}

#[test]
fn numbered_communique_in_the_first_person() {
    let d = load("communique.txt");
    assert_eq!(
        d.title,
        "Joint Communique of the Fourth Ministerial Meeting on Regional Cooperation"
    );
    assert_eq!(
        texts(&d),
        [
            "deepening cross-border e-commerce cooperation",
            "building a regional logistics network by 2027",
            "support the Center in sharing hydrological data throughout the year",
            "closer coordination on disaster relief",
            "designate a contact point within three months",
            "work to reduce non-tariff barriers",
            "improve customs clearance",
            "expand the use of local currencies in trade settlement",
        ]
    );
    // A call on others is the meeting's commitment; the next meeting's
    // date promises nothing.
    assert_eq!(d.commitments[3].modality, "calls for");
    assert_eq!(d.commitments[3].actor, "The ministers");
    assert_eq!(d.commitments[0].modality, "commit to");
    // "We reaffirm X and will Y": the subject of the second predicate is "We".
    assert_eq!(d.commitments[5].actor, "We");
    assert_eq!(d.commitments[4].actor, "Each province");
}

#[test]
fn news_circular_with_dateline_and_passives() {
    let d = load("circular.txt");
    assert_eq!(d.published.as_deref(), Some("2024-03-12T09:15:00"));
    assert_eq!(d.source.as_deref(), Some("Xinhua"));
    let got: Vec<(&str, &str, &str)> = d
        .commitments
        .iter()
        .map(|c| (c.modality.as_str(), c.actor.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "pledged to",
                "The State Council",
                "cut red tape for private firms"
            ),
            (
                "will",
                "The State Council",
                "expand their access to major infrastructure projects"
            ),
            (
                "will",
                "The State Council",
                "More support will be given to small and medium-sized enterprises"
            ),
            (
                "will",
                "The State Council",
                "a national platform for project financing will be launched this year"
            ),
            (
                "will",
                "the government",
                "have removed all unreasonable barriers to market entry"
            ),
            (
                "ready to",
                "China",
                "work with all parties to keep global supply chains stable"
            ),
            ("should", "Local governments", "not set up hidden barriers"),
            (
                "must",
                "Local governments", // "they": the last actor named
                "treat private and state-owned firms equally"
            ),
        ]
    );
}

#[test]
fn delta_meeting_with_clauses_and_passives_joined() {
    let d = load("delta-meeting.txt");
    assert_eq!(d.published.as_deref(), Some("2024-07-25"));
    let got: Vec<(&str, &str)> = d
        .commitments
        .iter()
        .map(|c| (c.actor.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "the delta",
                "lead the country in building a new development pattern"
            ),
            ("The region", "speed up the development of a unified market"),
            // "it" is the region named just before.
            (
                "The region",
                "remove administrative barriers that hinder the free flow of talent, capital and data"
            ),
            ("Shanghai", "give full play to its role as the leader"),
            // ", while Jiangsu, Zhejiang and Anhui will …" is a clause of its own.
            (
                "Jiangsu, Zhejiang and Anhui",
                "leverage their own strengths"
            ),
            (
                "The four provincial-level regions",
                "jointly build a world-class innovation hub for artificial intelligence and integrated circuits"
            ),
            (
                "The four provincial-level regions",
                "set up a 10-billion-yuan fund for technology start-ups"
            ),
            (
                "The four provincial-level regions",
                "share large research facilities"
            ),
            (
                "the delta",
                "A cross-provincial green electricity trading mechanism will be piloted"
            ),
            (
                "the delta",
                "the comprehensive management of the Yangtze River and Taihu Lake will be strengthened"
            ),
            (
                "the region",
                "expand the mutual recognition of medical test results"
            ),
            (
                "residents",
                "be able to apply for social security cards in any of the four places"
            ),
            // "The meeting decided to hold next year's symposium in
            // Shanghai" schedules a meeting and promises nothing.
        ]
    );
    // Two names joined by "and" stay two names; number compounds are not codes.
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"Yangtze River") && names.contains(&"Taihu Lake"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("billion")));
}

#[test]
fn a_sentence_of_many_clauses_does_not_exhaust_the_stack() {
    // One sentence of 40,000 clauses joined by ", and X will …": clauses are
    // walked in a loop, not by recursion.
    let clauses: Vec<String> = (0..20_000)
        .map(|i| format!("the city will build line {i}, and the port will open dock {i}"))
        .collect();
    let text = format!("In 2025, {}.", clauses.join(", and "));
    let d = parse::parse(&text, Some("long.txt"), &Taxonomy::embedded());
    assert_eq!(d.paragraphs.len(), 1);
    assert_eq!(d.commitments.len(), 40_000);
    assert_eq!(d.commitments[1].text, "open dock 0");
    assert_eq!(d.commitments[1].actor, "the port");
    assert_eq!(d.commitments[39_998].text, "build line 19999");
}

#[test]
fn a_title_taken_from_a_file_name_has_no_control_characters() {
    let d = parse::parse(
        "The city will open a port.",
        Some("dir/evil\u{1b}[31mname\u{7}.txt"),
        &Taxonomy::embedded(),
    );
    assert_eq!(d.title, "evilname");
}

#[test]
fn reported_speech_and_a_colon_list_of_tasks() {
    let d = load("meeting-2021.txt");
    assert_eq!(d.published.as_deref(), Some("2021-05-28T13:42:38"));
    assert_eq!(d.source.as_deref(), Some("ourjiangsu.com"));
    let got: Vec<(&str, &str)> = d
        .commitments
        .iter()
        .map(|c| (c.modality.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "would",
                "set an example for the country in high-quality development"
            ),
            ("will", "focus on three tasks this year"),
            ("will", "build a shared platform for scientific instruments"),
            ("will", "the G60 corridor will be extended to more cities"),
            (
                "should",
                "jointly draw up a list of cross-border public services"
            ),
            ("would", "pilot a unified land-use system"),
            ("would", "co-develop the Xiaoyangshan port area"),
        ]
    );
    assert_eq!(d.commitments[6].actor, "Shanghai and Zhejiang");
    // A past fact reported by officials is not a promise.
    assert!(d.commitments.iter().all(|c| c.paragraph != 4));
}

/// Each commitment as (actor, modality, text).
fn triples(d: &Document) -> Vec<(&str, &str, &str)> {
    d.commitments
        .iter()
        .map(|c| (c.actor.as_str(), c.modality.as_str(), c.text.as_str()))
        .collect()
}

#[test]
fn action_plan_lists_take_their_lead_in_s_actor_and_modality() {
    let d = load("river-city-action-plan.txt");
    let got = triples(&d);
    // The overview's "sets out how the city will cope …" tells what the
    // plan covers: no commitment.
    let items: Vec<(&str, &str)> = got.iter().map(|&(_, m, t)| (m, t)).collect();
    assert_eq!(
        items,
        [
            (
                "will",
                "Raise the embankments along the east bank by one metre"
            ),
            (
                "will",
                "Replace the pumps at the four oldest drainage stations"
            ),
            (
                "will",
                "Map every basement flat in the low-lying districts by the end of 2025"
            ),
            ("will", "train one flood warden for every 500 residents"),
            (
                "will",
                "opening temporary shelters in all secondary schools"
            ),
            ("will", "a stock of 20,000 sandbags in each district depot"),
            (
                "target",
                "no more than two hours of street flooding after a 50-year storm"
            ),
            (
                "target",
                "around 80 percent of households reached by the text-message alert"
            ),
        ]
    );
    // The lead-in's own `take the following measures` only announces them.
    assert!(got.iter().all(|&(_, _, t)| !t.contains("following")));
    assert!(got[..3].iter().all(|&(a, _, _)| a == "The Water Bureau"));
    // The heading after the list and the past year's figure commit nothing.
    assert!(d.commitments.iter().all(|c| c.paragraph < 13));
}

#[test]
fn conclusions_with_lettered_and_bulleted_items_and_calls() {
    let d = load("harbour-council-conclusions.txt");
    assert_eq!(
        triples(&d),
        [
            (
                "The Council",
                "agrees to",
                "set up a joint inspection team for hazardous cargo"
            ),
            (
                "The Council",
                "agrees to",
                "review the port's emergency plan every two years"
            ),
            (
                "The Council",
                "agrees to",
                "publish an annual safety record"
            ),
            (
                "Member States",
                "must",
                "notify the Council of any serious incident within 24 hours"
            ),
            (
                "Member States",
                "must",
                "share the results of their own inspections"
            ),
            (
                "The Council",
                "calls for",
                "closer cooperation between port authorities and coastguards"
            ),
            (
                "The Council",
                "calls for",
                "operators to report near misses"
            ),
        ]
    );
}

#[test]
fn a_pledge_with_items_run_together_after_its_colon() {
    let d = load("bakery-pledge.txt");
    assert_eq!(
        triples(&d),
        [
            (
                "We",
                "commit to",
                "switching all our ovens to green electricity by 2026"
            ),
            ("We", "commit to", "cutting food waste in half"),
            ("We", "commit to", "paying our suppliers within 30 days"),
            (
                "we",
                "will",
                "deliver bread only by cargo bike in the city centre"
            ),
            ("we", "will", "offer a reusable bag in every shop"),
        ]
    );
}

#[test]
fn a_review_of_past_work_makes_no_commitment() {
    // Past results, a consequence (`will shape`), permissions (`can`, `may`).
    assert!(load("annual-review.txt").commitments.is_empty());
}
