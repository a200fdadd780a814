from python_workers.cli import app

app()
