"""Printed documents of the service hall: the service handbook (便民服务手册) for citizens and
the cadre contact cards (干部连心卡) for the townships. Fonts and page helpers come from
``taizhang.documents``."""
