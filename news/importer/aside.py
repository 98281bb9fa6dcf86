"""Work done in a forked copy of the importer while the importer writes.

An import uses one core: Python runs one thread at a time, and a bulk batch spends about
a fifth of its time in wagtail-localize's segment extraction and in making bodies from
their HTML, which need nothing from the database. A copy of the process made with fork()
already holds the batch's records and pages, so they need not be sent to it; it works
them out on the other core while the importer goes on, and sends the results back
pickled.

multiprocessing's fork context runs the copy; a pool would have to be sent each batch's
pages. Where fork() is missing or the copy fails, the work is done in the importer itself,
with the same results.
"""

import contextlib
import gc
import logging
import multiprocessing

from django.db import connections

logger = logging.getLogger(__name__)

# Below this many objects the copy costs more than it saves.
MINIMUM = 20


def _context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def _refuse(execute, sql, params, many, context):
    raise RuntimeError("the import's forked copy does not query the database")


def _run_and_send(connection, work, items):
    # The copy lives for one batch, and its garbage goes with it: collecting would cost
    # time and write to memory pages it shares with the importer, which then get copied.
    gc.disable()
    try:
        with contextlib.ExitStack() as stack:
            # The copy shares the importer's database connections: a query sent on one
            # would break the importer's conversation with the database.
            for each in connections.all(initialized_only=True):
                stack.enter_context(each.execute_wrapper(_refuse))
            results = [work(item) for item in items]
        connection.send(("done", results))
    except BaseException as exc:  # noqa: BLE001 - reported to the importer, which redoes it
        connection.send(("failed", repr(exc)))
    finally:
        connection.close()


class Aside:
    """`work(item)` for each of `items`, worked out in a forked copy when it is worth it.

    The copy only computes: it must not touch the database connections it inherited,
    which the importer goes on using.
    """

    def __init__(self, work, items):
        self.work, self.items = work, list(items)
        self.process = self.receiver = None
        context = _context()
        if context is None or len(self.items) < MINIMUM:
            return
        receiver, sender = context.Pipe(duplex=False)
        # Frozen objects are left out of the copy's collections: the copy then does not
        # write to (and so copy) every page of the importer's memory it inherits.
        gc.freeze()
        try:
            process = context.Process(
                target=_run_and_send, args=(sender, work, self.items), daemon=True
            )
            process.start()
        except OSError:
            logger.info("Could not fork for the import's content work", exc_info=True)
            receiver.close()
            return
        finally:
            gc.unfreeze()
            sender.close()
        self.process, self.receiver = process, receiver

    def results(self):
        """The results in the order of `items`."""
        if self.process is not None:
            try:
                outcome, value = self.receiver.recv()
            except (EOFError, OSError):
                outcome, value = "failed", "the copy ended without an answer"
            finally:
                self.receiver.close()
                self.process.join()
                self.process = None
            if outcome == "done":
                return value
            logger.warning("The import's content work is redone in place: %s", value)
        return [self.work(item) for item in self.items]

    def close(self):
        """Stop the copy if its results are no longer wanted (the batch failed)."""
        if self.process is not None:
            self.receiver.close()
            self.process.terminate()
            self.process.join()
            self.process = None
