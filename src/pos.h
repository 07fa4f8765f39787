/* pos.h: the one position type. Lines and columns are 1-based; 0 means "not known". */
#ifndef VERBALE_POS_H
#define VERBALE_POS_H

struct pos {
	const char *file; /* borrowed: lives as long as the session or the caller's argv */
	unsigned line, col;
};

#endif
