from tests.py.engine.conftest import Workers, World


def test_a_manual_run_succeeds(world: World, workers: Workers) -> None:
    workers.start()
    log_id = world.enqueue("manual")
    [log] = world.wait_final([log_id])
    assert log["status"] == "success", log
