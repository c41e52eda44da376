"""The demo district's service centres: the district hall and the six 便民服务中心 of its
sub-districts and townships, with their windows and the people on duty at each.

Staff are named by post, as (unit, title, n) for the n-th person of that unit holding that
title, since the demo people's names are drawn at random. The township clerks staff their own
centre; the district hall is run by 行政审批服务局 with staff stationed by the departments
(部门进驻), and the 派出所 station a 户籍民警 at the centres on their beat.
"""

HALL = "河阳示范区政务服务中心"
HEBIN = "河滨街道便民服务中心"
XINCHENG = "新城街道便民服务中心"
LIULIN = "柳林街道便民服务中心"
SHUANGQIAO = "双桥镇便民服务中心"
GUQUAN = "古泉镇便民服务中心"
BEILING = "北岭乡便民服务中心"

SUBDISTRICTS = (HEBIN, XINCHENG, LIULIN)
TOWNS = (SHUANGQIAO, GUQUAN, BEILING)
TOWNSHIPS = SUBDISTRICTS + TOWNS
ALL = (HALL, *TOWNSHIPS)

_HOURS = "周一至周五 8:30—12:00，14:30—17:30（夏季下午 15:00—18:00），法定节假日除外"
_DIRECTOR = "便民服务中心主任"
_CLERK = "便民服务中心窗口工作人员"


def _township_staff(unit, *posts):
    """The township's own people: 0 is the centre's director, 1–3 its window clerks."""
    return [(unit, _DIRECTOR, 1) if post == 0 else (unit, _CLERK, post) for post in posts]


def head_post(spec):
    """The centre's head (中心负责人): the 行政审批服务局's director for the district hall, the
    centre's own director in a township."""
    return (spec["unit"], "局长" if spec["name"] == HALL else _DIRECTOR, 1)


CENTRES = [
    {"name": HALL, "unit": "行政审批服务局",
     "address": "河阳示范区中原路 88 号市民之家一楼",
     "phone": "0371-68901000",
     "opening_hours": "周一至周五 9:00—17:00（中午不间断），周六 9:00—12:00 延时服务，"
                      "法定节假日除外",
     "windows": [
         (1, "综合受理窗口", [("行政审批服务局", "科员", 1), ("行政审批服务局", "科员", 2)]),
         (2, "公安户籍窗口", [("公安分局", "科员", 1), ("城区派出所", "科员", 2)]),
         (3, "社会事务窗口", [("社会事务局", "科员", 1), ("社会事务局", "科员", 2)]),
         (4, "人社医保窗口", [("人力资源和社会保障局", "科员", 1),
                              ("人力资源和社会保障局", "科员", 2)]),
         (5, "国土林业窗口", [("国土资源局", "科员", 1), ("林业站", "科员", 1)]),
         (6, "卫计住建窗口", [("卫生和计划生育局", "科员", 1), ("住房和城乡建设局", "科员", 1)]),
     ]},
    {"name": HEBIN, "unit": "河滨街道",
     "address": "河阳示范区河滨街道滨河路 16 号",
     "phone": "0371-68901101",
     "opening_hours": _HOURS,
     "windows": [
         (1, "综合受理窗口", _township_staff("河滨街道", 0)),
         (2, "社会事务窗口", _township_staff("河滨街道", 1)),
         (3, "户籍窗口", [*_township_staff("河滨街道", 2), ("城区派出所", "科员", 1)]),
         (4, "人社医保窗口", _township_staff("河滨街道", 3)),
     ]},
    {"name": XINCHENG, "unit": "新城街道",
     "address": "河阳示范区新城街道站前大道 201 号",
     "phone": "0371-68901202",
     "opening_hours": _HOURS,
     "windows": [
         (1, "综合受理窗口", _township_staff("新城街道", 0, 1)),
         (2, "社会事务窗口", _township_staff("新城街道", 2)),
         (3, "户籍窗口", _township_staff("新城街道", 3)),
         (4, "人社医保窗口", _township_staff("新城街道", 1)),
     ]},
    {"name": LIULIN, "unit": "柳林街道",
     "address": "河阳示范区柳林街道南关路 9 号",
     "phone": "0371-68901303",
     "opening_hours": _HOURS,
     "windows": [
         (1, "综合受理窗口", _township_staff("柳林街道", 0)),
         (2, "社会事务窗口", _township_staff("柳林街道", 1)),
         (3, "户籍窗口", _township_staff("柳林街道", 2)),
         (4, "国土林业窗口", _township_staff("柳林街道", 3)),
         (5, "人社医保窗口", _township_staff("柳林街道", 1)),
     ]},
    {"name": SHUANGQIAO, "unit": "双桥镇",
     "address": "河阳示范区双桥镇人民路 1 号镇政府院内",
     "phone": "0371-68902101",
     "opening_hours": _HOURS,
     "windows": [
         (1, "综合受理窗口", _township_staff("双桥镇", 0)),
         (2, "社会事务窗口", _township_staff("双桥镇", 1)),
         (3, "户籍窗口", [*_township_staff("双桥镇", 2), ("双桥派出所", "科员", 1)]),
         (4, "国土林业窗口", _township_staff("双桥镇", 3)),
         (5, "人社医保窗口", _township_staff("双桥镇", 1)),
     ]},
    {"name": GUQUAN, "unit": "古泉镇",
     "address": "河阳示范区古泉镇泉源路 12 号",
     "phone": "0371-68902202",
     "opening_hours": _HOURS,
     "windows": [
         (1, "综合受理窗口", _township_staff("古泉镇", 0)),
         (2, "社会事务窗口", _township_staff("古泉镇", 1)),
         (3, "户籍窗口", _township_staff("古泉镇", 2)),
         (4, "国土林业窗口", _township_staff("古泉镇", 3)),
     ]},
    {"name": BEILING, "unit": "北岭乡",
     "address": "河阳示范区北岭乡北岭村岭上街 3 号乡政府一楼",
     "phone": "0371-68902303",
     "opening_hours": _HOURS,
     "windows": [
         (1, "综合受理窗口", _township_staff("北岭乡", 0, 1)),
         (2, "社会事务窗口", _township_staff("北岭乡", 2)),
         (3, "国土林业窗口", _township_staff("北岭乡", 3)),
     ]},
]
