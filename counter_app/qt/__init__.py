"""The Qt front end: the only layer that imports PySide6.

Layouts are Qt Designer forms in `ui/`, loaded at run time (uiload.py); every action calls
a service in counter_app.services; long work goes through the task runner (tasks.py).
"""
