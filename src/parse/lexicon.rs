//! Word lists for the commitment rules. They describe English and the genre
//! (what policy statements commit to do), not any one statement.

/// Base-form verbs that open an action in policy language. A statement's own
/// verbs (the word after each of its modals) are learned on top of these.
pub const ACTION_VERBS: &[&str] = &[
    "accelerate", "accept", "accomplish", "achieve", "adapt", "add", "address", "adhere", "adjust",
    "adopt", "advance", "advocate", "align", "allocate", "allow", "analyse", "analyze", "apply",
    "approve", "arrange", "assess", "assist", "attach", "attract", "balance", "bolster", "boost",
    "bridge", "broaden", "build", "carry", "catalyse", "catalyze", "cement", "champion", "channel",
    "clarify", "clean", "collaborate", "combat", "commit", "complete", "comply", "conduct",
    "connect", "conserve", "consolidate", "construct", "consult", "continue", "contribute",
    "control", "convene", "cooperate", "coordinate", "create", "cultivate", "curb", "cut",
    "decide", "deepen", "defend", "deliver", "deploy", "design", "develop", "devote",
    "disseminate", "diversify", "do", "double", "drive", "ease", "eliminate", "embrace", "empower",
    "enable", "encourage", "endeavor", "endeavour", "enforce", "engage", "enhance", "enlarge",
    "enrich", "ensure", "enter", "establish", "evaluate", "exchange", "expand", "expedite",
    "explore", "export", "extend", "facilitate", "finalise", "finalize", "finance", "focus",
    "forge", "form", "formulate", "foster", "fulfil", "fulfill", "fund", "further", "gather",
    "give", "go", "grant", "guarantee", "guide", "halt", "harmonise", "harmonize", "harness",
    "help", "hold", "host", "implement", "import", "improve", "include", "increase", "innovate",
    "integrate", "intensify", "introduce", "invest", "issue", "join", "keep", "launch", "lay",
    "lead", "leverage", "lift", "limit", "link", "maintain", "make", "manage", "mobilise",
    "mobilize", "modernise", "modernize", "monitor", "nurture", "observe", "offer", "open",
    "optimise", "optimize", "organise", "organize", "oversee", "participate", "perfect", "pilot",
    "plan", "play", "prepare", "preserve", "prevent", "prioritise", "prioritize", "produce",
    "promote", "propel", "protect", "provide", "pursue", "push", "put", "raise", "reach",
    "realise", "realize", "rebuild", "recognise", "recognize", "reduce", "reform", "regulate",
    "reinforce", "release", "remove", "renew", "renovate", "repair", "replace", "resolve",
    "respect", "respond", "restore", "restructure", "revise", "revitalise", "revitalize", "roll",
    "run", "safeguard", "scale", "secure", "seek", "seize", "set", "share", "simplify", "solidify",
    "solve", "speed", "spur", "stabilise", "stabilize", "standardise", "standardize", "start",
    "step", "stimulate", "streamline", "strengthen", "strive", "study", "submit", "supervise",
    "support", "sustain", "tackle", "take", "target", "train", "transform", "unify", "unleash",
    "update", "upgrade", "uphold", "use", "utilise", "utilize", "welcome", "widen", "work",
];

/// Verbs that are as often nouns (`control`, `research`, `trade`): after a bare
/// `and` they open a new action only with an adverb or an object marker.
pub const NOUN_LIKE_VERBS: &[&str] = &[
    "access", "add", "address", "balance", "bridge", "cement", "champion", "channel", "clean",
    "commit", "complete", "control", "cover", "cut", "decide", "design", "do", "double", "drive",
    "ease", "exchange", "export", "finance", "focus", "form", "fund", "further", "go", "help",
    "hold", "host", "import", "issue", "keep", "lay", "lead", "lift", "limit", "link", "make",
    "monitor", "open", "perfect", "pilot", "plan", "play", "push", "put", "raise", "reach",
    "reform", "release", "repair", "replace", "research", "respect", "roll", "run", "scale",
    "set", "share", "start", "step", "study", "support", "take", "target", "trade", "train",
    "update", "use", "welcome", "work",
];

/// Modal auxiliaries that commit: `X will/shall/must/should do`.
pub const MODALS: &[&str] = &["will", "shall", "must", "should"];

/// Verbs that commit when followed by `to` and a base verb: `X agreed to do`.
pub const COMMIT_VERBS: &[&str] = &[
    "agree", "agrees", "agreed", "pledge", "pledges", "pledged", "vow", "vows", "vowed", "commit",
    "commits", "committed", "undertake", "undertakes", "undertook", "resolve", "resolves",
    "resolved", "decide", "decides", "decided", "promise", "promises", "promised", "plan",
    "plans", "planned", "aim", "aims", "aimed", "need", "needs",
];

/// `It is necessary to do …`.
pub const NECESSITY: &[&str] = &["necessary", "imperative", "essential", "vital", "crucial", "important"];

/// Words ending in -ly that are not adverbs.
const LY_NON_ADVERBS: &[&str] = &[
    "supply", "assembly", "family", "monopoly", "anomaly", "apply", "reply", "rely", "comply",
    "multiply", "italy", "july", "ally", "fly", "only", "holy", "belly", "rally", "bully",
];

/// Manner and degree adverbs that may stand between a modal or a conjunction
/// and its verb: `jointly`, `further`, `not`, …
pub fn is_adverb(w: &str) -> bool {
    is_discourse_only(w)
        || matches!(
            w,
            "further" | "together" | "not" | "never" | "better" | "always" | "even" | "again"
                | "soon" | "well"
        )
        || (w.len() >= 5 && w.ends_with("ly") && !LY_NON_ADVERBS.contains(&w))
}

/// Adverbs that only link the sentence to its neighbours; they are dropped
/// from the front of a commitment (`will also continue` gives `continue …`),
/// while the rest stay because they change what is promised (`jointly
/// build`, `never seek`, `further improve`).
pub fn is_discourse_only(w: &str) -> bool {
    matches!(
        w,
        "also" | "still" | "then" | "thus" | "therefore" | "hence" | "now" | "meanwhile"
            | "moreover" | "furthermore" | "additionally" | "likewise" | "accordingly" | "first"
            | "firstly" | "secondly" | "thirdly" | "finally"
    )
}

/// Irregular past participles; regular ones end in -ed.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "built", "held", "set", "made", "taken", "done", "given", "put", "kept", "laid", "run", "seen",
    "brought", "sought", "begun", "undertaken", "shown", "known", "drawn", "grown", "spent", "sent",
    "met", "led", "won", "cut", "paid", "sold", "told", "found", "thrown", "written", "driven",
    "chosen", "frozen", "broken", "spoken", "withdrawn", "overseen", "upheld", "rebuilt", "dealt",
];

pub fn is_past_participle(w: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
}

/// In `Efforts will be made to do …` the passive only carries the promise;
/// the action is the infinitive after it.
pub const EFFORT_PARTICIPLES: &[&str] = &["made", "taken", "exerted", "stepped", "done", "intensified"];

/// Words after which `and VERB` with no comma reads as a new action: the
/// next word must look like the start of an object.
pub const OBJECT_STARTS: &[&str] = &[
    "the", "a", "an", "its", "their", "our", "his", "her", "this", "these", "those", "more", "all",
    "every", "each", "such", "greater", "new", "further", "higher", "better", "stronger", "some",
    "any", "both", "key", "major",
];

/// Reporting verbs: a subject like `The statement said (that) X` is really `X`.
pub const REPORTING_VERBS: &[&str] = &[
    "said", "says", "noted", "notes", "stated", "states", "stressed", "stresses", "emphasized",
    "emphasised", "announced", "declared", "added", "agreed", "reaffirmed", "affirmed",
    "believe", "believed", "believes", "decided", "pledged", "reiterated", "pointed", "underlined",
    "urged", "hoped", "expected", "read", "reads",
];

/// Openers of an introductory phrase that ends at the first comma:
/// `Driven by …, X will`, `By 2025, X will`, `According to …, X will`.
pub const INTRO_OPENERS: &[&str] = &[
    "according", "after", "against", "along", "amid", "as", "at", "based", "before", "by",
    "during", "following", "for", "from", "given", "guided", "if", "in", "meanwhile", "moreover",
    "on", "once", "over", "since", "through", "to", "under", "unless", "upon", "when", "while",
    "with", "within", "furthermore", "additionally", "besides", "also", "therefore", "thus",
    "however", "and", "but", "then", "next", "first", "second", "third", "finally", "last",
    "lastly", "overall", "together", "looking", "going", "forward",
];

/// Subjects that stand for nobody in particular.
pub fn is_dummy_subject(subject_lower: &str) -> bool {
    matches!(subject_lower, "" | "it" | "there" | "this" | "that")
}
