"""Products and prices (in fen, 分). Defaults suit the sandbox; production sets
``MCERT_PRODUCTS_JSON`` with the same shape."""

from __future__ import annotations

import json

from pydantic import BaseModel, Field

from mcert.errors import InvalidInput


class PriceList(BaseModel):
    personal: dict[int, int] = Field(default={1: 10000, 2: 18000, 3: 25000})
    org: dict[int, int] = Field(default={1: 30000, 2: 55000, 3: 78000})
    renewal_personal: dict[int, int] = Field(default={1: 8000, 2: 15000, 3: 21000})
    renewal_org: dict[int, int] = Field(default={1: 25000, 2: 46000, 3: 65000})
    change: int = 10000
    reissue: int = 5000


class YearsInvalid(InvalidInput):
    code = "years_invalid"
    default_message = "有效期只能选择1年、2年或3年"


def load(products_json: str | None) -> PriceList:
    return PriceList.model_validate(json.loads(products_json)) if products_json else PriceList()


def price(prices: PriceList, kind: str, cert_type: str, years: int) -> int:
    if kind == "change":
        return prices.change
    if kind == "reissue":
        return prices.reissue
    table = getattr(prices, f"renewal_{cert_type}" if kind == "renewal" else cert_type)
    if years not in table:
        raise YearsInvalid()
    return int(table[years])


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"
