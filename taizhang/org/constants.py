from django.db import models


class UnitKind(models.TextChoices):
    DISTRICT = "district", "区"
    DEPARTMENT = "department", "区直部门"
    TOWNSHIP = "township", "乡镇"
    SUBDISTRICT = "subdistrict", "街道"
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"
    GRID = "grid", "网格"


# Which kinds may sit directly under which: the tree a district actually has.
ALLOWED_CHILD_KINDS = {
    UnitKind.DISTRICT: {UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT},
    UnitKind.DEPARTMENT: {UnitKind.DEPARTMENT},
    UnitKind.TOWNSHIP: {UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.DEPARTMENT},
    UnitKind.SUBDISTRICT: {UnitKind.COMMUNITY, UnitKind.VILLAGE, UnitKind.DEPARTMENT},
    UnitKind.VILLAGE: {UnitKind.GRID},
    UnitKind.COMMUNITY: {UnitKind.GRID},
    UnitKind.GRID: set(),
}

# Kinds for which population matters (cleaner standard: 2 per 1,000 residents).
POPULATED_KINDS = {UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.GRID}


class Rank(models.TextChoices):
    COUNTY = "county", "县级领导"
    SECTION = "section", "科级干部"
    STAFF = "staff", "一般干部"
    VILLAGE_CADRE = "village_cadre", "村（社区）干部"
    OTHER = "other", "其他人员"


class Role(models.TextChoices):
    SUPERVISION = "supervision", "督查室"
    LEADER = "leader", "领导"
    UNIT_STAFF = "unit_staff", "单位工作人员"
    CLERK = "clerk", "窗口工作人员"
    PETITION_OFFICER = "petition_officer", "信访工作人员"
    GRID_WORKER = "grid_worker", "网格员"
    AUDITOR = "auditor", "审计员"
    ADMIN = "admin", "系统管理员"


# Roles that see every unit of the district, whatever unit the person sits in.
DISTRICT_WIDE_ROLES = frozenset({Role.SUPERVISION, Role.AUDITOR, Role.ADMIN})

# Roles that may see a person's phone or ID number unmasked (each disclosure is audited).
PII_REVEAL_ROLES = frozenset({Role.SUPERVISION, Role.ADMIN})


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class AuditAction(models.TextChoices):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出"
    PERMISSION = "permission", "权限变更"
    STATE_CHANGE = "state_change", "状态变更"
    PII_DISCLOSURE = "pii_disclosure", "查看个人信息"
    TOKEN = "token", "接口令牌"
