#include "io/io_demo_kit.h"
int demo_thanh_hoa(Demo *d)
{
	(void)d;
	return 0;
}
int demo_lao_cai(Demo *d)
{
	(void)d;
	return 0;
}
