"""Money as Russian documents write it: «6 500,00 ₽» and «Шесть тысяч пятьсот рублей 00 копеек».

Pure Python (never imports frappe). Amounts are rounded half up to kopecks, as ``auto_service.money`` does.
"""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"  # a figure and its ₽ never part at a line end

_UNITS_MASCULINE = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_UNITS_FEMININE = ("", "одна", "две", *_UNITS_MASCULINE[3:])
_TEENS = (
	"десять",
	"одиннадцать",
	"двенадцать",
	"тринадцать",
	"четырнадцать",
	"пятнадцать",
	"шестнадцать",
	"семнадцать",
	"восемнадцать",
	"девятнадцать",
)
_TENS = (
	"",
	"",
	"двадцать",
	"тридцать",
	"сорок",
	"пятьдесят",
	"шестьдесят",
	"семьдесят",
	"восемьдесят",
	"девяносто",
)
_HUNDREDS = (
	"",
	"сто",
	"двести",
	"триста",
	"четыреста",
	"пятьсот",
	"шестьсот",
	"семьсот",
	"восемьсот",
	"девятьсот",
)
# (one, few, many), feminine?
_SCALES = (
	(("", "", ""), False),
	(("тысяча", "тысячи", "тысяч"), True),
	(("миллион", "миллиона", "миллионов"), False),
	(("миллиард", "миллиарда", "миллиардов"), False),
	(("триллион", "триллиона", "триллионов"), False),
)
RUBLE = ("рубль", "рубля", "рублей")
KOPEK = ("копейка", "копейки", "копеек")


def plural(n: int, forms: tuple[str, str, str]) -> str:
	"""The form of a noun after ``n``: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль."""
	n = abs(n)
	if 11 <= n % 100 <= 19:
		return forms[2]
	if n % 10 == 1:
		return forms[0]
	if 2 <= n % 10 <= 4:
		return forms[1]
	return forms[2]


def _triad(n: int, feminine: bool) -> list[str]:
	words = [_HUNDREDS[n // 100]]
	rest = n % 100
	if 10 <= rest <= 19:
		words.append(_TEENS[rest - 10])
	else:
		words.append(_TENS[rest // 10])
		words.append((_UNITS_FEMININE if feminine else _UNITS_MASCULINE)[rest % 10])
	return [w for w in words if w]


def number_in_words(n: int, feminine: bool = False) -> str:
	"""A whole number in Russian words, lower case: 2 001 → «две тысячи один» (``feminine``: «одна», «две»)."""
	if n == 0:
		return "ноль"
	if n < 0:
		return "минус " + number_in_words(-n, feminine)
	if n >= 1000 ** len(_SCALES):
		raise ValueError(f"{n} is too large to write in words")
	parts: list[str] = []
	for power in range(len(_SCALES) - 1, -1, -1):
		triad = (n // 1000**power) % 1000
		if not triad:
			continue
		forms, scale_feminine = _SCALES[power]
		parts.extend(_triad(triad, feminine if power == 0 else scale_feminine))
		if power:
			parts.append(plural(triad, forms))
	return " ".join(parts)


def to_kopecks(amount: float | Decimal | int | str | None) -> int:
	return int((Decimal(str(amount or 0)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def amount_in_words(amount: float | Decimal | int | str | None) -> str:
	"""«Шесть тысяч пятьсот рублей 00 копеек»: roubles in words, kopecks in figures, as invoices and acts
	write them; the first letter capital, nothing after the kopecks."""
	kopecks = to_kopecks(amount)
	sign = "минус " if kopecks < 0 else ""
	roubles, kop = divmod(abs(kopecks), 100)
	text = f"{sign}{number_in_words(roubles)} {plural(roubles, RUBLE)} {kop:02d} {plural(kop, KOPEK)}"
	return text[0].upper() + text[1:]


def format_money(amount: float | Decimal | int | str | None, symbol: str = "₽") -> str:
	"""«6 500,00 ₽»: groups of three split by a no-break space, a decimal comma, the sign after."""
	kopecks = to_kopecks(amount)
	roubles, kop = divmod(abs(kopecks), 100)
	grouped = f"{roubles:,}".replace(",", NBSP)
	sign = "−" if kopecks < 0 else ""
	text = f"{sign}{grouped},{kop:02d}"
	return f"{text}{NBSP}{symbol}" if symbol else text


def format_percent(rate: float | Decimal | int | str | None) -> str:
	"""«20 %», «6,5 %»: a VAT rate as Russian documents print it."""
	value = Decimal(str(rate or 0)).normalize()
	text = format(value, "f").replace(".", ",")
	return f"{text}{NBSP}%"
