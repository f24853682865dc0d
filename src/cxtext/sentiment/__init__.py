"""Sentiment models (comment and clause level)."""

from cxtext.sentiment.fast import SENTIMENT_LABELS, FastSentimentClassifier

__all__ = ["SENTIMENT_LABELS", "FastSentimentClassifier"]
