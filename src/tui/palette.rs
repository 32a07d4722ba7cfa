//! The two looks: a 16-colour palette (named colours only, so it follows the
//! user's terminal scheme) and a monochrome one for `NO_COLOR`, where emphasis
//! is bold, underline, dim and reverse video.

use ratatui::style::{Color, Modifier, Style};

use crate::track::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub monochrome: bool,
    /// Title in the header line.
    pub title: Style,
    /// Secondary text: dates, sources, counts, labels.
    pub muted: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The list row under the cursor in the focused pane.
    pub cursor: Style,
    /// The list row under the cursor in a pane without focus.
    pub cursor_unfocused: Style,
    /// Commitments of the selected theme, in the statement.
    pub highlight: Style,
    /// The selected commitment.
    pub selected: Style,
    /// The marker in the gutter beside the selected commitment.
    pub marker: Style,
    /// Paragraphs with no commitment of the selected theme.
    pub context: Style,
    /// A sentence found by search.
    pub found: Style,
    /// Matched characters in search results.
    pub matched: Style,
    /// Field labels in the detail pane and hit kinds in search.
    pub label: Style,
    /// Key names in the footer and help.
    pub key: Style,
    pub error: Style,
    /// Each tracking status, in `Status::ALL` order.
    pub statuses: [Style; 6],
}

impl Palette {
    pub fn new(monochrome: bool) -> Palette {
        if monochrome {
            Palette::mono()
        } else {
            Palette::color()
        }
    }

    pub fn color() -> Palette {
        let plain = Style::new();
        Palette {
            monochrome: false,
            title: plain.add_modifier(Modifier::BOLD),
            muted: plain.fg(Color::DarkGray),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            cursor: plain.fg(Color::Black).bg(Color::Cyan),
            cursor_unfocused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            highlight: plain.fg(Color::Yellow),
            selected: plain.fg(Color::Black).bg(Color::Yellow),
            marker: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            context: plain.fg(Color::DarkGray),
            found: plain.add_modifier(Modifier::UNDERLINED),
            matched: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            label: plain.fg(Color::Green),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            statuses: [
                plain.fg(Color::DarkGray),
                plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
                plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                plain.fg(Color::Green).add_modifier(Modifier::BOLD),
                plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
                plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            ],
        }
    }

    pub fn mono() -> Palette {
        let plain = Style::new();
        Palette {
            monochrome: true,
            title: plain.add_modifier(Modifier::BOLD),
            muted: plain.add_modifier(Modifier::DIM),
            border: plain.add_modifier(Modifier::DIM),
            border_focused: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            highlight: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            marker: plain.add_modifier(Modifier::BOLD),
            context: plain.add_modifier(Modifier::DIM),
            found: plain.add_modifier(Modifier::UNDERLINED),
            matched: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            label: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            // The symbols tell the statuses apart; bold makes them stand out.
            statuses: [
                plain.add_modifier(Modifier::DIM),
                plain.add_modifier(Modifier::BOLD),
                plain.add_modifier(Modifier::BOLD),
                plain.add_modifier(Modifier::BOLD),
                plain.add_modifier(Modifier::BOLD),
                plain.add_modifier(Modifier::BOLD),
            ],
        }
    }

    /// The style of a tracking status.
    pub fn status(&self, status: Status) -> Style {
        let i = Status::ALL.iter().position(|&s| s == status).unwrap_or(0);
        self.statuses[i]
    }

    /// Every colour a palette uses; the tests check these are named colours only.
    pub fn styles(&self) -> Vec<Style> {
        let mut all = vec![
            self.title,
            self.muted,
            self.border,
            self.border_focused,
            self.cursor,
            self.cursor_unfocused,
            self.highlight,
            self.selected,
            self.marker,
            self.context,
            self.found,
            self.matched,
            self.label,
            self.key,
            self.error,
        ];
        all.extend(self.statuses);
        all
    }
}

/// `NO_COLOR` set to anything but the empty string (no-color.org).
pub fn no_color_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_palette_uses_only_the_sixteen_named_colours() {
        for style in Palette::color().styles() {
            for c in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{c:?} is not one of the 16 named colours"
                );
            }
        }
    }

    #[test]
    fn monochrome_palette_sets_no_colour_at_all() {
        for style in Palette::mono().styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(
            Palette::mono()
                .selected
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn no_color_means_set_and_non_empty() {
        use std::ffi::OsStr;
        assert!(no_color_requested(Some(OsStr::new("1"))));
        assert!(!no_color_requested(Some(OsStr::new(""))));
        assert!(!no_color_requested(None));
    }
}
