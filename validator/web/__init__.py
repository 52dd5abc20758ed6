"""The self-check page (`validator serve`): units upload a table and see the review at once;
the office sees the season at a glance. The only package that imports the web stack (Flask,
Flask-WTF, waitress), and only when `serve` runs."""
