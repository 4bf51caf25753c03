/* mi-course core: placeholder until the engine lands */
