"""A stylesheet that remembers what it parsed, across Textual's re-parses.

Textual forgets every parsed rule when the CSS variables are set, and re-parses in a fresh
stylesheet with no memory at all. At start-up that tokenized app.tcss and every widget's CSS
three times (the first screen, the theme's first refresh, the first screen's widgets): about
7 ms each. Rules parsed with the same variables are the same rules, so they are kept here, keyed
by the variables too. Tied to Textual 8.2.8's Stylesheet (pinned in pyproject.toml);
tests/functional/test_stylesheet_memory.py checks the app's rules match a plain parse.

The first parse of a run took 8 ms of every start (tokenizing app.tcss and the widgets' CSS), so
the rules parsed are also kept between runs in the user's cache folder (KeptRules).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import textual.css.model
from textual.app import App
from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.tokenize import tokenize_values
from textual.css.tokenizer import Token
from textual.css.types import CSSLocation

from rehab_tui.storage.kept_pickle import KeptPickle, code_version

# Sources × themes tried: a few dozen sources, a handful of themes in one run.
_RULES: LRUCache[tuple[object, ...], list[RuleSet]] = LRUCache(1024)
_VARIABLE_TOKENS: LRUCache[tuple[tuple[str, str], ...], dict[str, list[Token]]] = LRUCache(16)

KEPT_SOURCES = 64  # sources × themes kept between runs: those of this run first


class KeptRules:
    """The rules earlier runs parsed, from the user's cache folder (storage/kept_pickle.py),
    each source's rules pickled on their own and unpickled only when that source is parsed (a
    few hundred µs a source, against ms to tokenize it); what this run parses is kept for the
    next. The key is Textual's own code: other code, other rules."""

    def __init__(self, folder: Path) -> None:
        css = Path(textual.css.model.__file__).parent  # the parser and the rules' classes
        code = code_version(css / name for name in ("model.py", "parse.py", "styles.py"))
        self._file = KeptPickle(folder / "stylesheet-rules.pickle", code) if code else None
        kept = self._file.get() if self._file is not None else None
        self._kept: dict[object, bytes] = kept if isinstance(kept, dict) else {}
        self._used: dict[object, bytes | list[RuleSet]] = {}  # this run's: pickled or not yet
        self._parsed = False

    def take(self, key: object) -> list[RuleSet] | None:
        pickled = self._kept.get(key)
        if pickled is None:
            return None
        try:
            rules = pickle.loads(pickled)
        except Exception:  # from other code after all: parsed again
            return None
        if not (isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules)):
            return None
        self._used[key] = pickled
        return rules

    def parsed(self, key: object, rules: list[RuleSet]) -> None:
        self._used[key] = rules
        self._parsed = True

    def keep(self) -> None:
        """Write what this run parsed, with what it took, and as many of the earlier runs'
        sources as fit (another screen, another theme); nothing when nothing was parsed."""
        if not self._parsed or self._file is None:
            return
        self._parsed = False
        used = {
            key: rules if isinstance(rules, bytes) else pickle.dumps(rules, protocol=5)
            for key, rules in self._used.items()
        }
        self._used.update(used)
        earlier = [(key, rules) for key, rules in self._kept.items() if key not in used]
        self._kept = dict([*used.items(), *earlier][:KEPT_SOURCES])
        self._file.put(self._kept)


_KEPT: KeptRules | None = None  # the running app's


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
            rules = _KEPT.take(key) if _KEPT is not None else None
            if rules is None:
                rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
                if _KEPT is not None:
                    _KEPT.parsed(key, rules)
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
    """An app whose stylesheet is a RememberingStylesheet, and with `kept_in` (the cache folder)
    one that starts from the rules kept by earlier runs."""

    def __init__(self, kept_in: Path | None = None) -> None:
        global _KEPT
        super().__init__()
        self.stylesheet = RememberingStylesheet(variables=self.stylesheet._variables)
        _KEPT = KeptRules(kept_in) if kept_in is not None else None

    def keep_rules(self) -> None:
        """Keep what this run parsed for the next (after the first frame, and at the end)."""
        if _KEPT is not None:
            _KEPT.keep()
