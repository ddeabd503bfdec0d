"""The demo district: 河东区 (fictional data for a demo cluster; codes are syntactically valid)."""

from __future__ import annotations

from dataclasses import dataclass

from content_models.organisations.validators import make_uscc

DISTRICT = "河东区"
REGION_CODE = "379901"  # not a real division: demo data must not pose as a real body


@dataclass(frozen=True)
class DemoSite:
    code: str
    name: str
    short_name: str
    kind: str  # portal / department / street
    own_host: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def organisation_name(self) -> str:
        return self.name

    def credit_code(self, index: int) -> str:
        return make_uscc("11", REGION_CODE, f"{41020000 + index * 37:08d}")


PORTAL = DemoSite("hedong", "河东区人民政府", "河东区政府", "portal", True, ("www.hedong", "hdq"))

DEPARTMENTS = [
    DemoSite("fgw", "河东区发展和改革委员会", "区发改委", "department", True, ("hdfgw",)),
    DemoSite("jyj", "河东区教育局", "区教育局", "department", True),
    DemoSite("kjj", "河东区科学技术局", "区科技局", "department"),
    DemoSite("mzj", "河东区民政局", "区民政局", "department"),
    DemoSite("sfj", "河东区司法局", "区司法局", "department"),
    DemoSite("czj", "河东区财政局", "区财政局", "department", True),
    DemoSite("rsj", "河东区人力资源和社会保障局", "区人社局", "department", True),
    DemoSite("zjj", "河东区住房和城乡建设局", "区住建局", "department"),
    DemoSite("jtj", "河东区交通运输局", "区交通局", "department"),
    DemoSite("nyj", "河东区农业农村局", "区农业农村局", "department", False, ("hdnyj",)),
    DemoSite("swj", "河东区商务局", "区商务局", "department"),
    DemoSite("wjw", "河东区卫生健康委员会", "区卫健委", "department", True),
    DemoSite("yjj", "河东区应急管理局", "区应急局", "department"),
    DemoSite("scjgj", "河东区市场监督管理局", "区市场监管局", "department", True),
]

STREETS = [
    DemoSite("dfjd", "河东区东风街道办事处", "东风街道", "street", True),
    DemoSite("xhjd", "河东区新华街道办事处", "新华街道", "street"),
    DemoSite("rmjd", "河东区人民街道办事处", "人民街道", "street"),
    DemoSite("jfjd", "河东区解放街道办事处", "解放街道", "street"),
    DemoSite("sljd", "河东区胜利街道办事处", "胜利街道", "street"),
    DemoSite("hpjd", "河东区和平街道办事处", "和平街道", "street"),
    DemoSite("jsjd", "河东区建设街道办事处", "建设街道", "street"),
    DemoSite("gmjd", "河东区光明街道办事处", "光明街道", "street"),
    DemoSite("xyjd", "河东区向阳街道办事处", "向阳街道", "street"),
]

ALL_SITES = [PORTAL, *DEPARTMENTS, *STREETS]

FUNCTIONS = {
    "department": (
        "贯彻执行国家、省、市关于{topic}工作的方针政策和法律法规，拟订全区{topic}工作的规划和政策措施并组织实施。",
        "负责全区{topic}领域的统筹协调、监督管理和公共服务工作。",
        "负责本部门政府信息公开、政务服务和政务公开工作。",
        "完成区委、区政府交办的其他任务。",
    ),
    "street": (
        "贯彻落实党和国家的路线方针政策，以及区委、区政府的决策部署。",
        "统筹辖区社区治理、公共服务、民生保障和平安建设工作。",
        "负责辖区政府信息公开、政务服务和政务公开工作。",
        "完成区委、区政府交办的其他任务。",
    ),
    "portal": (
        "执行区人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令。",
        "领导所属各工作部门和街道办事处的工作，管理本行政区域内的经济、教育、科学、文化、卫生等行政工作。",
        "依法推进政府信息公开和政务公开，接受社会公众监督。",
    ),
}
