"""Public comments on an MOU review, held like survey responses (ARCHITECTURE.md,
Anonymity 1): the review, the language and the text; no account, address, time or
arrival order. The key is random, so rows carry no order; on SQLite the table is
WITHOUT ROWID (migration), on PostgreSQL it is re-clustered with the survey tables."""

from __future__ import annotations

import uuid

from django.db import models

from .reviews import MOUReview


class PublicComment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(MOUReview, on_delete=models.PROTECT, related_name="comments")
    language = models.CharField(max_length=5)
    text = models.TextField(max_length=4000)

    class Meta:
        # By random key: never the order they came in.
        ordering = ["id"]

    def __str__(self) -> str:
        return f"A comment on {self.review}"
