"""A stylesheet that remembers what it parsed, across Textual's re-parses.

Textual forgets every parsed rule when the CSS variables are set, and re-parses in a fresh
stylesheet with no memory at all. At start-up that tokenized app.tcss and every widget's CSS
three times (the first screen, the theme's first refresh, the first screen's widgets): about
7 ms each. Rules parsed with the same variables are the same rules, so they are kept here, keyed
by the variables too. Tied to Textual 8.2.8's Stylesheet (pinned in pyproject.toml);
tests/functional/test_stylesheet_memory.py checks the app's rules match a plain parse.
"""

from __future__ import annotations

from textual.app import App
from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.tokenize import tokenize_values
from textual.css.tokenizer import Token
from textual.css.types import CSSLocation

# Sources × themes tried: a few dozen sources, a handful of themes in one run.
_RULES: LRUCache[tuple[object, ...], list[RuleSet]] = LRUCache(1024)
_VARIABLE_TOKENS: LRUCache[tuple[tuple[str, str], ...], dict[str, list[Token]]] = LRUCache(16)


class RememberingStylesheet(Stylesheet):
    def _variables_key(self) -> tuple[tuple[str, str], ...]:
        return tuple(self._variables.items())

    @property
    def _variable_tokens(self) -> dict[str, list[Token]]:
        key = self._variables_key()
        tokens = _VARIABLE_TOKENS.get(key)
        if tokens is None:
            tokens = _VARIABLE_TOKENS[key] = tokenize_values(self._variables)
        # Copies: Textual's parser appends to a variable's list when the CSS redefines it.
        return {name: list(value) for name, value in tokens.items()}

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._variables_key())
        rules = _RULES.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            _RULES[key] = rules
        return rules

    def reparse(self) -> None:
        """Textual's reparse (a fresh stylesheet, so errors leave this one whole), with memory."""
        fresh = RememberingStylesheet(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False


class RememberingCssApp(App[None]):
    """An app whose stylesheet is a RememberingStylesheet."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheet = RememberingStylesheet(variables=self.stylesheet._variables)
