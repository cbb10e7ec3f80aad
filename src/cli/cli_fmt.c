int cli_fmt(int argc, char **argv);
int cli_fmt(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 2;
}
