"""Run acts at the same moment, each on its own database connection, for the race tests that
need a real server (PostgreSQL)."""

import threading

from django.db import connections


def race(*acts, expected=Exception):
    """Start every act together; return (results, errors), ``expected`` errors collected."""
    start, results, errors = threading.Barrier(len(acts)), [], []

    def run(act):
        try:
            start.wait()
            results.append(act())
        except expected as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
