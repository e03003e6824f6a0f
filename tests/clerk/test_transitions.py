"""The status machine: every allowed move, and illegal ones refused in Chinese."""
import pytest

from runtime.casework.transitions import TRANSITIONS, IllegalTransition, allowed_actions, next_status


def test_every_declared_move():
    for action, moves in TRANSITIONS.items():
        for source, target in moves.items():
            assert next_status(source, action) == target


@pytest.mark.parametrize("status,action", [("voided", "accept"), ("accepted", "accept"), ("rejected", "complete"),
                                           ("completed", "return"), ("draft", "accept"), ("withdrawn", "submit"),
                                           ("reviewed", "approve"), ("needs_correction", "approve"),
                                           ("reviewed", "submit")])
def test_illegal_moves_are_refused(status, action):
    with pytest.raises(IllegalTransition, match="当前状态为"):
        next_status(status, action)


def test_clerk_and_citizen_actions_are_separate():
    assert allowed_actions("submitted") == ["approve", "return", "void", "accept", "accept_tolerated", "reject"]
    assert allowed_actions("reviewed") == ["return", "void", "accept", "accept_tolerated", "reject"]
    assert allowed_actions("needs_correction", "citizen") == ["submit", "withdraw"]
    assert allowed_actions("completed") == []
