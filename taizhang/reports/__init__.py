"""Reports (周通报、月考核、季讲评), programme targets (目标) and the leader dashboard (驾驶舱)."""
