"""Rate limits with the time passed in: the command bucket, the failed-join guard and the
rate of new participants per address."""

from __future__ import annotations

import itertools

import pytest

from server import limits
from server.limits import GLOBAL_JOIN_FAILURES, JoinGuard, JoinRate, TokenBucket, is_loopback

ROOM = "10.20.30.40"  # a nursing home's staff room behind one NAT
OTHER = "192.0.2.7"


def takes(bucket: TokenBucket, times: list[float]) -> list[float | None]:
    return [bucket.take(t) for t in times]


# --- commands ----------------------------------------------------------------------------


def test_burst_of_60_is_allowed() -> None:
    """A fresh client may send 60 commands at once."""
    bucket = TokenBucket()
    assert takes(bucket, [0.0] * 60) == [None] * 60


def test_61st_command_of_a_burst_is_refused_with_retry_after() -> None:
    """The 61st command at the same instant is refused with a positive retry_after."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 60)
    wait = bucket.take(0.0)
    assert wait is not None and wait > 0
    assert wait == pytest.approx(1 / 30)


def test_a_wait_under_half_a_millisecond_is_not_said_as_zero() -> None:
    """A client just short of a token is told 0.001 s, never 0 (which means now)."""
    assert limits.retry_after(0.0002) == 0.001
    assert limits.retry_after(0.0046) == 0.005


def test_waiting_retry_after_is_enough() -> None:
    """After waiting the retry_after it was given, a refused client is served."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 60)
    wait = bucket.take(0.0)
    assert wait is not None
    assert bucket.take(wait + 1e-9) is None


def test_a_nearly_full_token_still_says_a_wait_above_zero() -> None:
    """A refusal one microsecond before the token is back says a wait above zero on the
    wire (a flood test once read retry_after 0.0)."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 60)
    wait = bucket.take(1 / 30 - 1e-6)
    assert wait is not None and limits.retry_after(wait) > 0


def test_a_slowed_address_just_before_its_second_still_says_a_wait_above_zero() -> None:
    """A slowed hello a microsecond before its second is up is told a non-zero wait on the
    wire."""
    guard = JoinGuard()
    fail(guard, ROOM, [0.0] * 10)
    assert guard.admit(ROOM, 0.5) is None
    wait = guard.admit(ROOM, 1.5 - 1e-6)
    assert wait is not None and limits.retry_after(wait) > 0


def test_bucket_refills_at_30_a_second() -> None:
    """One second after emptying, exactly 30 more commands go through."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 60)
    assert takes(bucket, [1.0] * 30) == [None] * 30
    assert bucket.take(1.0) is not None


def test_bucket_holds_at_most_60() -> None:
    """A long quiet spell does not save up more than a burst of 60."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 60)
    assert takes(bucket, [100.0] * 60) == [None] * 60
    assert bucket.take(100.0) is not None


def test_29_a_second_for_10_seconds_is_never_refused() -> None:
    """A client sending 29 commands a second for 10 seconds is never refused."""
    bucket = TokenBucket()
    assert all(wait is None for wait in takes(bucket, [i / 29 for i in range(290)]))


def test_burst_then_steady_29_a_second_is_never_refused() -> None:
    """A burst of 60 followed by 29 a second for 10 seconds is never refused."""
    bucket = TokenBucket()
    times = [0.0] * 60 + [i / 29 for i in range(1, 291)]
    assert all(wait is None for wait in takes(bucket, times))


def test_bursts_of_60_below_30_a_second_on_average_are_never_refused() -> None:
    """Bursts of 60 every 2.1 seconds (under 30 a second on average) are never refused."""
    bucket = TokenBucket()
    times = [burst * 2.1 for burst in range(10) for _ in range(60)]
    assert all(wait is None for wait in takes(bucket, times))


def test_60_refusals_in_a_row_are_not_yet_flooding() -> None:
    """Sixty refusals in a row do not yet count as a flood."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 120)
    assert bucket.flooding is False


def test_more_than_60_refusals_in_a_row_are_flooding() -> None:
    """The 61st refusal in a row marks the client as flooding."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 121)
    assert bucket.flooding is True


def test_a_served_command_ends_the_row_of_refusals() -> None:
    """A command that goes through resets the count of refusals in a row."""
    bucket = TokenBucket()
    takes(bucket, [0.0] * 110)  # 50 refusals
    assert bucket.take(1.0) is None
    takes(bucket, [1.0] * 29 + [1.0] * 60)  # the rest of the refill, then 60 refusals
    assert bucket.flooding is False
    bucket.take(1.0)
    assert bucket.flooding is True


def test_limits_match_the_protocol() -> None:
    """30 a second, bursts of 60, and room for a whole room behind one NAT."""
    assert (limits.COMMANDS_PER_SECOND, limits.COMMAND_BURST) == (30.0, 60.0)
    assert limits.CONNECTIONS_PER_ADDRESS >= 1000


# --- failed joins ----------------------------------------------------------------------------


def fail(guard: JoinGuard, address: str, times: list[float]) -> None:
    for t in times:
        guard.failed(address, t)


def slowed_at(guard: JoinGuard, address: str, now: float) -> bool:
    """Whether a second hello right after a served one is refused."""
    guard.admit(address, now)
    return guard.admit(address, now) is not None


def test_unknown_address_is_admitted() -> None:
    """An address with no failures is served at once, again and again."""
    guard = JoinGuard()
    assert [guard.admit(ROOM, 0.0) for _ in range(50)] == [None] * 50


def test_nine_failures_do_not_slow() -> None:
    """Nine failed joins within a minute leave hellos unlimited."""
    guard = JoinGuard()
    fail(guard, ROOM, [float(t) for t in range(9)])
    assert [guard.admit(ROOM, 9.0) for _ in range(30)] == [None] * 30


def test_tenth_failure_in_a_minute_slows_to_one_hello_a_second() -> None:
    """After the 10th failure within a minute, a second hello in the same second waits."""
    guard = JoinGuard()
    fail(guard, ROOM, [t * 6.0 for t in range(10)])  # 0 .. 54 s
    assert guard.admit(ROOM, 55.0) is None
    wait = guard.admit(ROOM, 55.0)
    assert wait is not None and wait == pytest.approx(1.0)
    assert guard.admit(ROOM, 55.4) == pytest.approx(0.6)
    assert guard.admit(ROOM, 56.0) is None


def test_slowed_address_gets_one_hello_a_second() -> None:
    """A slowed address trying ten times a second for ten seconds is served ten times."""
    guard = JoinGuard()
    fail(guard, ROOM, [0.0] * 10)
    served = [t for t in (n / 10 for n in range(1, 101)) if guard.admit(ROOM, t) is None]
    assert len(served) == 10
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(served))


def test_ten_failures_spread_over_more_than_a_minute_do_not_slow() -> None:
    """Only failures within the last minute count."""
    guard = JoinGuard()
    fail(guard, ROOM, [t * 7.0 for t in range(10)])  # 0 .. 63 s: the first has aged out
    assert slowed_at(guard, ROOM, 63.0) is False


def test_a_quiet_minute_lifts_the_slowdown() -> None:
    """A minute after the last failure, hellos are unlimited again."""
    guard = JoinGuard()
    fail(guard, ROOM, [float(t) for t in range(10)])  # last failure at 9 s
    assert slowed_at(guard, ROOM, 68.5) is True
    assert [guard.admit(ROOM, 69.0) for _ in range(20)] == [None] * 20


def test_further_failures_keep_the_slowdown() -> None:
    """A guesser who keeps failing stays slowed."""
    guard = JoinGuard()
    fail(guard, ROOM, [float(t) for t in range(10)])
    fail(guard, ROOM, [40.0, 90.0, 140.0])
    assert slowed_at(guard, ROOM, 190.0) is True


def test_other_addresses_are_unaffected() -> None:
    """Failures from one address do not slow another."""
    guard = JoinGuard()
    fail(guard, ROOM, [0.0] * 20)
    assert [guard.admit(OTHER, 1.0) for _ in range(20)] == [None] * 20
    assert slowed_at(guard, ROOM, 1.0) is True


def test_forget_quiet_drops_old_addresses() -> None:
    """Addresses without a failure for a minute are forgotten; recent ones are kept."""
    guard = JoinGuard()
    fail(guard, OTHER, [0.0])
    fail(guard, ROOM, [30.0])
    guard.forget_quiet(60.0)
    assert list(guard.addresses) == [ROOM]


def test_many_addresses_failing_together_slow_each_failing_one() -> None:
    """A guesser spread over many addresses is slowed like one; a clean address is not."""
    guard = JoinGuard()
    for index in range(GLOBAL_JOIN_FAILURES):
        guard.failed(f"10.0.{index // 250}.{index % 250}", 1.0)
    assert guard.admit("10.0.0.1", 1.5) is None  # its first hello under pressure is served
    assert guard.admit("10.0.0.1", 1.6) is not None  # the next within a second is not
    assert guard.admit("192.168.1.50", 1.6) is None  # never failed: never slowed


# --- new participants per address ------------------------------------------------------------


def joins(rate: JoinRate, address: str, times: list[float]) -> list[float | None]:
    """Each join attempt's answer; an admitted one is counted as joined."""
    answers = []
    for t in times:
        wait = rate.admit(address, t)
        if wait is None:
            rate.joined(address, t)
        answers.append(wait)
    return answers


def test_a_room_behind_one_address_joins_60_at_once() -> None:
    """Sixty people behind one NAT may join in the same second; the 61st waits 2 s."""
    rate = JoinRate()
    assert joins(rate, ROOM, [0.0] * 60) == [None] * 60
    assert rate.admit(ROOM, 0.0) == pytest.approx(2.0)


def test_after_the_burst_one_new_participant_every_two_seconds() -> None:
    """Once the burst is used, 30 a minute join from one address, and no more."""
    rate = JoinRate()
    joins(rate, ROOM, [0.0] * 60)
    answers = joins(rate, ROOM, [n / 10 for n in range(1, 601)])  # ten tries a second
    assert answers.count(None) == 30


def test_a_refused_join_costs_nothing() -> None:
    """Only joins that happened count: asking again and again does not push the wait."""
    rate = JoinRate()
    joins(rate, ROOM, [0.0] * 60)
    for _ in range(100):
        rate.admit(ROOM, 1.0)
    assert rate.admit(ROOM, 2.0) is None


def test_other_addresses_are_not_slowed_by_one() -> None:
    """One address using its allowance leaves every other address its own."""
    rate = JoinRate()
    joins(rate, ROOM, [0.0] * 60)
    assert joins(rate, OTHER, [0.0] * 60) == [None] * 60


def test_loopback_joins_are_exempt_unless_asked() -> None:
    """This machine (tests, benchmarks, the facilitator's terminal) joins without limit,
    unless the server is told to limit loopback too."""
    for here in ("127.0.0.1", "127.0.1.1", "::1", "::ffff:127.0.0.1"):
        assert joins(JoinRate(), here, [0.0] * 1000) == [None] * 1000
        assert joins(JoinRate(loopback=True), here, [0.0] * 61)[-1] is not None
    assert is_loopback("10.0.0.1") is False and is_loopback("?") is False


def test_a_join_rate_of_zero_is_no_limit() -> None:
    """`--join-rate 0` switches the limit off."""
    assert joins(JoinRate(per_minute=0, burst=0), ROOM, [0.0] * 500) == [None] * 500


def test_the_join_table_forgets_addresses_whose_allowance_is_whole() -> None:
    """A sweep over many addresses cannot grow the table for ever."""
    rate = JoinRate()
    for n in range(5000):
        rate.joined(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", float(n) / 100)
    assert len(rate.addresses) <= 4097


def test_join_rate_defaults_are_documented() -> None:
    """30 new participants a minute per address, bursts of 60 (docs/security.md)."""
    assert (limits.JOINS_PER_MINUTE, limits.JOIN_BURST) == (30.0, 60.0)
