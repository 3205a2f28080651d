/*
 * main.c - ogi's entry point.
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return ogi_cli_main(argc, argv);
}
