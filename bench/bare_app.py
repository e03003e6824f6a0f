"""The baseline for bench_portal.py: a bare Flask page of similar size, no database, no templates."""
from flask import Flask

app = Flask(__name__)
PAGE = "<!doctype html><html lang='zh-CN'><body>" + "<p>政务服务事项</p>" * 400 + "</body></html>"


@app.get("/")
def index():
    return PAGE
