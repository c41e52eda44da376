from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 when the database answers and every migration is applied; 503 otherwise."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # the database did not answer
        return JsonResponse({"status": "error", "reason": f"database: {exc}"}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "reason": f"{len(pending)} migrations not applied"}, status=503
        )
    return JsonResponse({"status": "ok"})
