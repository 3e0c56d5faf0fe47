"""Request and response bodies of the console login (``/api/console/v1/auth/login``)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class OperatorLogin(BaseModel):
    username: str = Field(max_length=40)
    password: str = Field(max_length=200)


class OperatorToken(BaseModel):
    access_token: str
    token_type: str = "Bearer"
    operator: dict[str, str]
