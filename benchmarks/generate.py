"""Seeded generator of big transcripts in the sample's format (a published webinar chat log).

The output looks like samples/icsve-panel-2020-06-10.txt: a page preamble, then
`HH:MM:SS\u00a0 From NAME : TEXT` messages separated by blank lines, about a quarter of them
followed by a moderator's `NAME – (later insert) TEXT`, then the event description. Message and
insert lengths follow the sample's distribution; names are varied (diacritics, other scripts,
titles, dots, organisations in parentheses, en dashes). The last message holds a word that no
other message holds, so a search for it has exactly one hit at the very end of the file.

    python benchmarks/generate.py 10k 100k 1m          # into benchmarks/data/
    python benchmarks/generate.py 20000 --seed 7 --out /tmp/chat.txt

Each transcript gets a JSON manifest next to it (counts, the first message's text, the last
message's word) that the runner uses to know what to wait for.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SEED = 2020_06_10
NBSP = "\u00a0"

# Quantiles (every 5 %) of message and insert text lengths in characters, measured on
# samples/icsve-panel-2020-06-10.txt; lengths are drawn by interpolating between them.
MESSAGE_LENGTH_QUANTILES = (
    3, 14, 22, 29, 34, 39, 46, 65, 77, 81, 99, 105, 117, 132, 172, 208, 225, 254, 293, 362, 645,
)  # fmt: skip
INSERT_LENGTH_QUANTILES = (
    14, 17, 25, 51, 65, 76, 86, 94, 120, 126, 156, 179, 215, 252, 272, 328, 380, 452, 517, 602,
    1414,
)  # fmt: skip
INSERT_SHARE = 0.25  # share of messages followed by a later insert
PARAGRAPH_SHARE = 0.12  # share of long messages and inserts written in several paragraphs

FIRST_NAMES = (
    "Anne", "Mike", "Moussa", "Lisa", "Molly", "Sean", "Halkano", "Maha", "Jocelyn", "Zora",
    "Emanuel", "Christie", "Hank", "Farzana", "Redouan", "Yasmin", "Paul", "Fazil", "Edessa",
    "Gün", "José", "Zoë", "Łukasz", "Søren", "Aisling", "Nguyễn", "Chloé", "Björn", "Iñaki",
    "Agnieszka", "Oluwaseun", "Chinedu", "Amara", "Kwame", "Thandiwe", "Priya", "Arjun",
    "Rizwan", "Tasnime", "Kerem", "Malena", "Hisyaam", "Pahar", "Ruby", "Detlev", "Harjit",
    "Khadija", "Avinu", "Jeffrey", "Elizabeth", "Henry", "Angela", "Felix", "Vyana", "Mizan",
    "Ahmad", "Fatima", "Omar", "Leila", "Yusuf", "Aiko", "Hiroshi", "Mei", "Wei", "Ji-woo",
    "Min-jun", "Siobhán", "Eoin", "Małgorzata", "Dorota", "Ștefan", "Ioana", "Tomáš", "Zsófia",
    "Ana", "João", "Mariana", "Sebastián", "Valentina", "Mateo", "Nadia", "Dmitri", "Olena",
    "Anaïs", "François", "Hélène", "Jürgen", "Käthe", "Ólafur", "Sigríður", "Ayşe", "Mehmet",
    "Rania", "Tariq", "Samira", "Ibrahim", "Grace", "David", "Sarah", "John", "Maria", "James",
)  # fmt: skip
LAST_NAMES = (
    "Speckhard", "Counts", "Diaw", "McConnell", "Ellenberg", "Griffin", "Wario", "Ghazi",
    "Belanger", "Sukabdi", "Banutai", "LaPlume", "Cohen", "Islam", "Safdi", "Mulbocus", "Kurdi",
    "Ramos", "Kansu", "García", "Núñez", "Müller", "Østergaard", "Kowalczyk", "Brzęczyszczykiewicz",
    "Nguyễn", "O'Brien", "Ní Bhriain", "Ó Súilleabháin", "van der Berg", "de la Cruz", "Dupont",
    "Lefèvre", "Schröder", "Jóhannsdóttir", "Yılmaz", "Öztürk", "Adeyemi", "Okonkwo", "Mensah",
    "Dlamini", "Patel", "Sharma", "Iyer", "Mustafa", "Akunjee", "Ali", "Rembe", "Muhaimi",
    "Aziz", "Kholifah", "Sandhu", "Tirha", "Veronica", "Dias", "Sturg", "Helmi", "Severs",
    "Ewing", "Opondo", "Aslam", "Tanaka", "Suzuki", "Chen", "Wang", "Kim", "Park", "Popescu",
    "Novák", "Horváth", "Silva", "Santos", "Fernández", "Petrenko", "Ivanova", "Haddad",
    "Khoury", "Mansour", "Rahman", "Hussain", "Smith", "Johnson", "Williams", "Brown",
    "Al-Hassan", "Abu-Zayd", "Smith-Jones", "Lindqvist", "Virtanen", "Kovačević", "Đorđević",
)  # fmt: skip
WHOLE_NAMES = (
    "Анна Петрова", "Сергей Иванов", "Γιώργος Παπαδόπουλος", "王芳", "李伟", "佐藤 健",
    "김민수", "محمد علي", "Δήμητρα Κ.", "Олег", "iPhone", "Galaxy S21", "Zoom user", "EH", "cd",
    "K-Marie", "Maram", "Gem", "Rennie",
)  # fmt: skip
ORGANISATIONS = (
    "DERAD", "ICSVE", "UNODC", "Hedayah", "RUSI", "ISD", "GCTF", "AMAN", "OSCE", "UNDP", "EU RAN",
)  # fmt: skip
COUNTRIES = (
    "Italy", "Kenya", "Austria", "Belgium", "Slovenia", "Australia", "Indonesia", "Nigeria",
    "Canada", "Brasil", "Türkiye", "Deutschland", "Österreich", "España", "Sverige", "Polska",
)  # fmt: skip

# Words of a panel discussion's chat, common ones first: weights fall with the rank (Zipf).
WORDS = (
    "the", "to", "and", "of", "a", "in", "is", "that", "for", "it", "you", "this", "we", "they",
    "are", "be", "on", "with", "as", "have", "not", "but", "what", "so", "do", "can", "how",
    "their", "there", "from", "or", "by", "an", "at", "about", "if", "more", "people", "all",
    "would", "those", "very", "who", "them", "which", "was", "question", "thank", "your", "one",
    "also", "think", "great", "program", "prison", "programs", "work", "many", "some", "been",
    "when", "our", "has", "other", "will", "like", "much", "just", "time", "now", "here", "I’m",
    "it’s", "don’t", "that’s", "we’re", "can’t", "doesn’t", "rehabilitation", "reintegration",
    "society", "returnees", "families", "children", "women", "community", "communities",
    "research", "evidence", "approach", "support", "countries", "government", "panel",
    "speakers", "presentation", "interesting", "important", "experience", "example", "case",
    "cases", "challenge", "challenges", "trust", "religious", "ideology", "ideologies",
    "violence", "violent", "extremism", "extremist", "groups", "group", "members", "youth",
    "education", "mental", "health", "trauma", "stigma", "release", "released", "sentence",
    "justice", "law", "policy", "policies", "security", "risk", "assessment", "tools",
    "outcome", "outcomes", "success", "successful", "failure", "recidivism", "practice",
    "practices", "training", "staff", "officers", "counselors", "imams", "mentors",
    "psychologists", "social", "workers", "local", "international", "national", "state",
    "funding", "resources", "data", "study", "studies", "paper", "report", "article",
    "interview", "interviews", "camps", "detention", "repatriation", "citizenship", "home",
    "return", "identity", "belonging", "grievance", "grievances", "discrimination", "online",
    "recruitment", "recruiters", "narratives", "counter-narratives", "prevention",
    "intervention", "engagement", "disengagement", "deradicalisation", "deradicalization",
    "approach", "model", "framework", "measure", "measured", "years", "months", "long", "term",
    "short", "first", "second", "next", "last", "new", "old", "same", "different", "really",
    "quite", "often", "always", "never", "still", "already", "again", "together", "between",
    "because", "while", "after", "before", "during", "without", "within", "through", "across",
    "could", "should", "might", "must", "need", "needs", "want", "know", "see", "hear", "ask",
    "asked", "answer", "agree", "believe", "understand", "learn", "share", "shared", "help",
    "helps", "build", "change", "changes", "keep", "give", "take", "make", "made", "done",
    "good", "well", "better", "best", "hard", "easy", "clear", "true", "real", "possible",
    "likely", "everyone", "someone", "anyone", "nothing", "something", "everything", "slides",
    "recording", "link", "chat", "session", "webinar", "colleagues", "moderator", "Zoom",
    "Europe", "Syria", "Iraq", "Belgium", "Austria", "Kenya", "UK", "Germany", "France",
    "Sweden", "Indonesia", "Nigeria", "Canada", "Australia", "SDF", "ISIS", "Daesh", "NGO",
    "NGOs", "UN", "EU", "CVE", "PVE", "P/CVE", "COVID", "Q&A", "e.g.", "i.e.", "etc.", "vs.",
)  # fmt: skip
SHORT_REPLIES = (
    "yes", "no", "agreed", "thanks!", "Thank you", "thank you so much!", "hello", "Hello all",
    "Good morning from Kenya", "Greetings from Slovenia", "+1", "exactly", "well said",
    "Thank you 👏", "great panel 👍", "cheers", "Thanks!", "very true", "so true…",
    "Hello everyone…. from Australia", "good question", "Can you share the slides please?",
    "Is this being recorded?", "please mute mics if not speaking…", "I agree with Sean",
    "Merci!", "Danke schön", "¡Gracias!", "شكرا", "谢谢", "Спасибо", "🙏",
)  # fmt: skip
TITLE_TEMPLATES = (
    "Can an ISIS Terrorist be Rehabilitated and Reintegrated into Society?",
    "Returning Foreign Fighters: What Works in Prison and After Release?",
    "Women and Children in the Camps: Repatriation, Justice and Care",
    "Online Recruitment and Counter-Narratives: Lessons from the Field",
    "Measuring Success in Disengagement Programs",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a generated transcript holds: the runner waits for these on screen."""

    path: str
    seed: int
    messages: int
    participants: int  # distinct names among message and insert authors
    inserts: int  # messages followed by a later insert
    bytes: int
    first_text: str  # the first message's whole text (short, on the first screen)
    first_author: str
    last_word: str  # a word only the last message holds
    last_author: str

    def save(self) -> Path:
        target = manifest_path(Path(self.path))
        target.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n")
        return target

    @classmethod
    def load(cls, transcript: Path) -> Manifest:
        return cls(**json.loads(manifest_path(transcript).read_text()))


def manifest_path(transcript: Path) -> Path:
    return transcript.with_suffix(".json")


def parse_count(text: str) -> int:
    """`10k`, `1m`, `250000` -> a message count."""
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    digits = text[:-1] if scale > 1 else text
    try:
        count = int(float(digits) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a message count: {text!r}") from None
    if count < 2:
        raise argparse.ArgumentTypeError("a transcript needs at least 2 messages")
    return count


def count_label(count: int) -> str:
    """1_000_000 -> `1m`, 100_000 -> `100k`: the data file's name."""
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}m"
    if count % 1_000 == 0:
        return f"{count // 1_000}k"
    return str(count)


def default_participants(messages: int) -> int:
    """A busy channel has more people, but far fewer than messages: about 3 sqrt(n)."""
    return max(20, min(5_000, round(3 * messages**0.5)))


class _Writer:
    """Text of messages drawn from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.word_weights = list(itertools.accumulate(1 / (rank + 8) for rank in range(len(WORDS))))

    def length(self, quantiles: tuple[int, ...]) -> int:
        """A length drawn from the piecewise-linear distribution through the quantiles."""
        position = self.rng.random() * (len(quantiles) - 1)
        low = int(position)
        high = min(low + 1, len(quantiles) - 1)
        return max(1, round(quantiles[low] + (quantiles[high] - quantiles[low]) * (position - low)))

    def sentence_text(self, length: int) -> str:
        """Sentences of vocabulary words, about `length` characters long."""
        rng = self.rng
        words = rng.choices(WORDS, cum_weights=self.word_weights, k=max(2, length // 6 + 1))
        sentences, start = [], 0
        while start < len(words):
            end = start + rng.randint(4, 16)
            chunk = words[start:end]
            first = chunk[0]
            chunk[0] = first[:1].upper() + first[1:]
            stop = rng.choices((".", "?", "!", "…", ""), (70, 18, 4, 3, 5))[0]
            if rng.random() < 0.06 and len(chunk) > 5:
                chunk.insert(rng.randrange(2, len(chunk) - 1), "–")
            if rng.random() < 0.04 and len(chunk) > 3:
                at = rng.randrange(1, len(chunk) - 1)
                chunk[at] = f"“{chunk[at]}”"
            sentences.append(" ".join(chunk) + stop)
            start = end
        text = " ".join(sentences)
        if len(text) > length:  # cut at a word boundary near the drawn length
            cut = text.rfind(" ", 0, length)
            text = text[: cut if cut > 0 else length]
        return text.rstrip(" –“")

    def message_text(self, length: int) -> str:
        if length < 24 and self.rng.random() < 0.6:
            return self.rng.choice(SHORT_REPLIES)
        return self.paragraphs(length)

    def paragraphs(self, length: int) -> str:
        """One paragraph, or for long texts sometimes two or three separated by a blank line."""
        if length < 150 or self.rng.random() >= PARAGRAPH_SHARE:
            return self.sentence_text(length)
        count = self.rng.randint(2, 3)
        # Later paragraphs start with a few words so they never read as page boilerplate.
        return "\n\n".join(self.sentence_text(max(40, length // count)) for _ in range(count))


def _names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct participant names in the many shapes that real chat logs show."""
    shapes = (
        (40, lambda f, la: f"{f} {la}"),
        (8, lambda f, la: f"{f.lower()} {la.lower()}"),
        (5, lambda f, la: f"Dr. {f} {la}"),
        (5, lambda f, la: f"{f} {la} ({rng.choice(ORGANISATIONS)})"),
        (4, lambda f, la: f"{f} {la} – {rng.choice(COUNTRIES)}"),
        (6, lambda f, la: f"{f.lower()}.{la.lower().replace(' ', '')}"),
        (5, lambda f, la: f"{f[0].lower()}{la.lower().replace(' ', '')}"),
        (8, lambda f, la: f),
        (6, lambda f, la: f"{f} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {la}"),
        (3, lambda f, la: f"{f} {la}-{rng.choice(LAST_NAMES)}"),
        (2, lambda f, la: f"{f} {la.upper()}"),
        (2, lambda f, la: f"{f} {la[0]}"),
    )
    weights = [w for w, _ in shapes]
    names: list[str] = []
    seen: set[str] = set()
    for whole in rng.sample(WHOLE_NAMES, k=min(len(WHOLE_NAMES), max(2, count // 25))):
        seen.add(whole)
        names.append(whole)
    attempts = 0
    while len(names) < count:
        attempts += 1
        shape = rng.choices(shapes, weights)[0][1]
        name = shape(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        if attempts > count * 20:  # the pool is exhausted: number the rest, as Zoom does
            name = f"{name} ({len(names)})"
        if name not in seen:
            seen.add(name)
            names.append(name)
    rng.shuffle(names)
    return names[:count]


def _clock(seconds: int) -> str:
    seconds %= 24 * 3600
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _unique_word(rng: random.Random) -> str:
    """Six consonants and five digits: no vocabulary word, name or other text has that shape.

    It leaves out q, g, b, j, k, p and i, keys that quit, move or open panels in the apps measured.
    """
    letters = "".join(rng.choice("cdfhlmnrstvwxz") for _ in range(6))
    return f"{letters}{rng.randrange(10_000, 99_999)}"


class _Generation:
    def __init__(self, messages: int, seed: int, participants: int | None) -> None:
        self.messages = messages
        self.rng = random.Random(seed)
        self.writer = _Writer(self.rng)
        self.names = _names(self.rng, participants or default_participants(messages))
        # A few moderators write the later inserts; they chat as well.
        plain = [n for n in self.names if " " in n and len(n) < 40 and not set(n) & set("()–")]
        self.moderators = self.rng.sample(plain or self.names, k=min(3, len(plain or self.names)))
        self.moderator_weights = [8, 2, 1][: len(self.moderators)]
        self.author_weights = list(
            itertools.accumulate(1 / (rank + 3) for rank in range(len(self.names)))
        )
        self.last_word = _unique_word(self.rng)
        self.authors: set[str] = set()
        self.inserts = 0
        self.first_text = ""
        self.first_author = ""
        self.last_author = ""

    def chunks(self) -> Iterator[str]:
        rng = self.rng
        yield self.preamble()
        clock = rng.randrange(9 * 3600, 14 * 3600)
        for number in range(1, self.messages + 1):
            clock += int(rng.expovariate(1 / 7))
            author = rng.choices(self.names, cum_weights=self.author_weights)[0]
            self.authors.add(author)
            if number == 1:
                text = f"Hello everyone, greetings from {rng.choice(COUNTRIES)}"
                self.first_text, self.first_author = text, author
            elif number == self.messages:
                text = f"One last note on {self.last_word} before we close."
                self.last_author = author
            else:
                text = self.writer.message_text(self.writer.length(MESSAGE_LENGTH_QUANTILES))
            block = f"{_clock(clock)}{NBSP} From {author} : {text}\n\n"
            if number != self.messages and rng.random() < INSERT_SHARE:
                block += self.insert()
            yield block
        yield self.epilogue()

    def insert(self) -> str:
        rng = self.rng
        moderator = rng.choices(self.moderators, self.moderator_weights)[0]
        self.authors.add(moderator)
        self.inserts += 1
        text = self.writer.paragraphs(self.writer.length(INSERT_LENGTH_QUANTILES))
        if rng.random() < 0.5:  # the sample's moderator puts two spaces after a full stop
            text = text.replace(". ", ".  ")
        marker = rng.choices(
            ("– (later insert) ", "(later insert) ", "– (later insert)  ", "– (later insert) – "),
            (70, 10, 15, 5),
        )[0]
        return f"{moderator} {marker}{text}\n\n"

    def preamble(self) -> str:
        rng = self.rng
        title = rng.choice(TITLE_TEMPLATES)
        year, month, day = rng.randrange(2019, 2025), rng.randrange(12), rng.randrange(1, 29)
        return (
            f"skip to Main Content\n\n{title}\n\n"
            f"This panel discussion was held on {MONTHS[month]} {day}, {year}, "
            "from 11am-12:30pm Eastern.\n\n"
            "Read a summary and analysis of this topic produced after the event.\n\n"
            "Chat Log:\n\n"
        )

    def epilogue(self) -> str:
        paragraphs = [self.writer.sentence_text(self.writer.length(INSERT_LENGTH_QUANTILES) + 200)]
        paragraphs += [self.writer.sentence_text(300) for _ in range(self.rng.randint(3, 8))]
        return "About this event\n\n" + "\n\n".join(paragraphs) + "\n\nBack To Top\n"


def write_transcript(
    path: Path, messages: int, *, seed: int = DEFAULT_SEED, participants: int | None = None
) -> Manifest:
    """Write a generated transcript to `path` (UTF-8, LF) and its manifest next to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    generation = _Generation(messages, seed, participants)
    size = 0
    with path.open("wb") as out:
        batch: list[str] = []
        for chunk in generation.chunks():
            batch.append(chunk)
            if len(batch) >= 4096:
                size += out.write("".join(batch).encode())
                batch.clear()
        size += out.write("".join(batch).encode())
    manifest = Manifest(
        path=str(path),
        seed=seed,
        messages=messages,
        participants=len(generation.authors),
        inserts=generation.inserts,
        bytes=size,
        first_text=generation.first_text,
        first_author=generation.first_author,
        last_word=generation.last_word,
        last_author=generation.last_author,
    )
    manifest.save()
    return manifest


def ensure_transcript(messages: int, *, seed: int = DEFAULT_SEED) -> Manifest:
    """The data file for this size and seed, generated unless it is already there."""
    suffix = "" if seed == DEFAULT_SEED else f"-s{seed}"
    path = DATA_DIR / f"panel-{count_label(messages)}{suffix}.txt"
    if path.exists() and manifest_path(path).exists():
        manifest = Manifest.load(path)
        if manifest.seed == seed and manifest.bytes == path.stat().st_size:
            return manifest
    return write_transcript(path, messages, seed=seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=parse_count, help="message counts: 10k 100k 1m")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--participants", type=int, help="distinct names (default ~3 sqrt(n))")
    parser.add_argument("--out", type=Path, help="the file to write (one size only)")
    args = parser.parse_args(argv)
    if args.out and len(args.sizes) != 1:
        parser.error("--out takes one size")
    for messages in args.sizes:
        started = time.perf_counter()
        suffix = "" if args.seed == DEFAULT_SEED else f"-s{args.seed}"
        path = args.out or DATA_DIR / f"panel-{count_label(messages)}{suffix}.txt"
        manifest = write_transcript(path, messages, seed=args.seed, participants=args.participants)
        print(
            f"{manifest.path}: {manifest.messages:,} messages, {manifest.participants:,} "
            f"participants, {manifest.inserts:,} with an insert, {manifest.bytes / 1e6:.1f} MB "
            f"in {time.perf_counter() - started:.1f} s; the last message's word: "
            f"{manifest.last_word}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
